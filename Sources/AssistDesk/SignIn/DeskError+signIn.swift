/// Refusals of the web sign-in use cases; none says whether an address has an account.
extension DeskError {
    public static let signInFailed = DeskError(
        .unauthenticated, code: .signInFailed, title: "Sign-in failed",
        detail: "The e-mail address or the password is wrong: check both, or ask an admin for a set-password link.")

    public static func tooManySignIns(retryAfterSeconds: Int) -> DeskError {
        DeskError(
            .tooManyRequests, code: .tooManySignIns, title: "Too many attempts",
            detail: "Too many failed sign-ins: wait \(max(1, (retryAfterSeconds + 59) / 60)) min and try again.")
    }

    public static func passwordRejected(_ problem: String) -> DeskError {
        DeskError(.invalid, code: .passwordRejected, title: "Password not accepted", detail: "The new password \(problem).")
    }

    public static let currentPasswordWrong = DeskError(
        .invalid, code: .currentPasswordWrong, title: "Current password wrong",
        detail: "The current password is wrong: type the one you signed in with.")

    public static let passwordLinkUnusable = DeskError(
        .gone, code: .passwordLinkUnusable, title: "Link no longer valid",
        detail: "This set-password link is used or expired: ask an admin for a new one.")

    public static let webSessionEnded = DeskError(
        .unauthenticated, code: .sessionEnded, title: "Signed out",
        detail: "Your session has ended: sign in again.")
}

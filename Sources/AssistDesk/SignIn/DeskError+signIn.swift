/// Refusals of the web sign-in use cases; none says whether an address has an account.
extension DeskError {
    public static let signInFailed = DeskError(
        .unauthenticated, code: "sign_in_failed", title: "Sign-in failed",
        detail: "The e-mail address or the password is wrong: check both, or ask an admin for a set-password link.")

    public static func tooManySignIns(retryAfterSeconds: Int) -> DeskError {
        DeskError(
            .tooManyRequests, code: "too_many_sign_ins", title: "Too many attempts",
            detail: "Too many failed sign-ins: wait \(max(1, (retryAfterSeconds + 59) / 60)) min and try again.")
    }

    public static func passwordRejected(_ problem: String) -> DeskError {
        DeskError(.invalid, code: "password_rejected", title: "Password not accepted", detail: "The new password \(problem).")
    }

    public static let currentPasswordWrong = DeskError(
        .invalid, code: "current_password_wrong", title: "Current password wrong",
        detail: "The current password is wrong: type the one you signed in with.")

    public static let passwordLinkUnusable = DeskError(
        .gone, code: "password_link_unusable", title: "Link no longer valid",
        detail: "This set-password link is used or expired: ask an admin for a new one.")

    public static let webSessionEnded = DeskError(
        .unauthenticated, code: "session_ended", title: "Signed out",
        detail: "Your session has ended: sign in again.")
}

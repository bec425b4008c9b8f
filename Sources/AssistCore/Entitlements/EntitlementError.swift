import Foundation

/// Why an entitlement could not be used or restored.
public enum EntitlementError: Error, Sendable, Equatable {
    /// The one-time phone install was used already.
    case phoneInstallUsed(usedOnTicket: String?)
    /// There is nothing to restore: it was never used, or was restored already.
    case phoneInstallAvailable
}

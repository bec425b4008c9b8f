/// Why a VIP contact could not be given.
public enum VIPContactError: Error, Sendable, Equatable {
    /// The agent is not an enabled agent on duty with a phone.
    case agentNotAvailable
}

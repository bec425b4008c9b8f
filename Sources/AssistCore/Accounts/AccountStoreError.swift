/// Why the store refused an account change.
public enum AccountStoreError: Error, Sendable, Equatable {
    case emailTaken(String)
    case customerNotFound(Int64)
    case groupNameTaken(String)
    /// The change would leave no enabled admin: nobody could administer the desk any more.
    case lastAdmin
}

/// Why the store refused an account change.
public enum AccountStoreError: Error, Sendable, Equatable {
    case emailTaken(String)
    case customerNotFound(Int64)
    case groupNameTaken(String)
    /// The customer has no commercial group with that id.
    case groupNotFound(Int64)
    /// Another customer has this INN (the database's unique index): its id and name.
    case innTaken(inn: String, customerId: Int64, name: String)
    /// The change would leave no enabled admin: nobody could administer the desk any more.
    case lastAdmin
    /// An agent who stops being one is still responsible for this many open VIP tickets, whose
    /// customers were given their phone.
    case holdsVIPTickets(Int)
}

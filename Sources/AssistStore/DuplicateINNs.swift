/// Why the database cannot take migration v24: customers already share an INN, and which of
/// them has it is for an admin to say, not for the migration to guess.
public struct DuplicateINNs: Error, CustomStringConvertible, Sendable {
    /// Each INN held by several customers, with their ids.
    public let shared: [(inn: String, customerIds: String)]

    public var description: String {
        let list = shared.map { "INN \($0.inn): customers \($0.customerIds)" }.joined(separator: "; ")
        return "customers share an INN (\(list)). An INN belongs to one customer: give each other customer its own INN or none "
            + "with `assistd migrate --database <file> --set-inn <customer id>=<INN or none>` (audited), then start again."
    }
}

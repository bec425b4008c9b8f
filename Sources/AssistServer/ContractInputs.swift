/// The JSON bodies of the contract routes.
enum ContractInputs {
    struct NewContract: Decodable {
        let tier: String
        let term: String?
        let startsOn: String?
        let rounding: Rounding?
        static let fields: Set<String> = ["tier", "term", "startsOn", "rounding"]
    }

    /// How metered help under the contract is rounded up.
    struct Rounding: Decodable {
        let incrementSeconds: Int
        let minimumSeconds: Int
    }

    struct LicenceEmail: Decodable {
        let email: String
        static let fields: Set<String> = ["email"]
    }

    struct NewGroup: Decodable {
        let name: String
        let members: [String]
        static let fields: Set<String> = ["name", "members"]
    }
}

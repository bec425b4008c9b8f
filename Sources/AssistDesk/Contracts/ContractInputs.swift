/// The JSON bodies of the contract routes.
public enum ContractInputs {
    public struct NewContract: Decodable {
        public let tier: String
        public let term: String?
        public let startsOn: String?
        public let rounding: Rounding?
    }

    /// How metered help under the contract is rounded up.
    public struct Rounding: Decodable {
        public let incrementSeconds: Int
        public let minimumSeconds: Int
    }

    public struct LicenceEmail: Decodable {
        public let email: String
    }

    public struct NewGroup: Decodable {
        public let name: String
        public let members: [String]
    }
}

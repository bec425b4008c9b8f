/// The JSON bodies of the contract routes.
public enum ContractInputs {
    public struct NewContract: Decodable {
        public let tier: String
        public let term: String?
        public let startsOn: String?
        public let rounding: Rounding?

        public init(tier: String, term: String? = nil, startsOn: String? = nil, rounding: Rounding? = nil) {
            self.tier = tier
            self.term = term
            self.startsOn = startsOn
            self.rounding = rounding
        }
    }

    /// How metered help under the contract is rounded up.
    public struct Rounding: Decodable {
        public let incrementSeconds: Int
        public let minimumSeconds: Int

        public init(incrementSeconds: Int, minimumSeconds: Int) {
            self.incrementSeconds = incrementSeconds
            self.minimumSeconds = minimumSeconds
        }
    }

    public struct LicenceEmail: Decodable {
        public let email: String

        public init(email: String) {
            self.email = email
        }
    }

    /// A commercial group renamed, members added and removed — any of them.
    public struct GroupChange: Decodable {
        public let name: String?
        public let add: [String]?
        public let remove: [String]?

        public init(name: String? = nil, add: [String]? = nil, remove: [String]? = nil) {
            self.name = name
            self.add = add
            self.remove = remove
        }
    }

    public struct NewGroup: Decodable {
        public let name: String
        public let members: [String]

        public init(name: String, members: [String]) {
            self.name = name
            self.members = members
        }
    }
}

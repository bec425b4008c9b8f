/// The JSON bodies the account routes accept (checked strictly by `RequestJSON`).
public enum AccountInputs {
    public struct NewCustomer: Decodable {
        public let name: String
        public let inn: String?
        public let kpp: String?
    }

    public struct NewUser: Decodable {
        public let displayName: String
        public let email: String?
        public let role: String
        public let customerId: Int64?
        public let phone: String?
    }

    public struct UserPatch: Decodable {
        public let displayName: String?
        public let phone: String?
        public let onDuty: Bool?
        public let disabled: Bool?
    }

    public struct DutyPatch: Decodable {
        public let onDuty: Bool
    }

    public struct NewToken: Decodable {
        public let label: String?
        public let expiresInDays: Int?
    }
}

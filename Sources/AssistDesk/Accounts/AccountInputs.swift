/// The JSON bodies the account routes accept (checked strictly by `RequestJSON`).
public enum AccountInputs {
    public struct NewCustomer: Decodable {
        public let name: String
        public let inn: String?
        public let kpp: String?
        public static let fields: Set<String> = ["name", "inn", "kpp"]
    }

    public struct NewUser: Decodable {
        public let displayName: String
        public let email: String?
        public let role: String
        public let customerId: Int64?
        public let phone: String?
        public static let fields: Set<String> = ["displayName", "email", "role", "customerId", "phone"]
    }

    public struct UserPatch: Decodable {
        public let displayName: String?
        public let phone: String?
        public let onDuty: Bool?
        public let disabled: Bool?
        public static let fields: Set<String> = ["displayName", "phone", "onDuty", "disabled"]
    }

    public struct DutyPatch: Decodable {
        public let onDuty: Bool
        public static let fields: Set<String> = ["onDuty"]
    }

    public struct NewToken: Decodable {
        public let label: String?
        public let expiresInDays: Int?
        public static let fields: Set<String> = ["label", "expiresInDays"]
    }
}

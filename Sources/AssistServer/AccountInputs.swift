/// The JSON bodies the account routes accept (checked strictly by `RequestJSON`).
enum AccountInputs {
    struct NewCustomer: Decodable {
        let name: String
        let inn: String?
        let kpp: String?
        static let fields: Set<String> = ["name", "inn", "kpp"]
    }

    struct NewUser: Decodable {
        let displayName: String
        let email: String?
        let role: String
        let customerId: Int64?
        let phone: String?
        static let fields: Set<String> = ["displayName", "email", "role", "customerId", "phone"]
    }

    struct UserPatch: Decodable {
        let displayName: String?
        let phone: String?
        let onDuty: Bool?
        let disabled: Bool?
        static let fields: Set<String> = ["displayName", "phone", "onDuty", "disabled"]
    }

    struct DutyPatch: Decodable {
        let onDuty: Bool
        static let fields: Set<String> = ["onDuty"]
    }

    struct NewToken: Decodable {
        let label: String?
        let expiresInDays: Int?
        static let fields: Set<String> = ["label", "expiresInDays"]
    }
}

/// The JSON bodies the account routes accept (checked strictly by `RequestJSON`).
public enum AccountInputs {
    public struct NewCustomer: Decodable {
        public let name: String
        public let inn: String?
        public let kpp: String?

        public init(name: String, inn: String? = nil, kpp: String? = nil) {
            self.name = name
            self.inn = inn
            self.kpp = kpp
        }
    }

    public struct NewUser: Decodable {
        public let displayName: String
        public let email: String?
        public let role: String
        public let customerId: Int64?
        public let phone: String?

        public init(displayName: String, email: String? = nil, role: String, customerId: Int64? = nil, phone: String? = nil) {
            self.displayName = displayName
            self.email = email
            self.role = role
            self.customerId = customerId
            self.phone = phone
        }
    }

    public struct UserPatch: Decodable {
        public let displayName: String?
        public let phone: String?
        public let onDuty: Bool?
        public let disabled: Bool?
        /// `admin`, `agent` or `accounting`, for a staff user.
        public let role: String?

        public init(displayName: String? = nil, phone: String? = nil, onDuty: Bool? = nil, disabled: Bool? = nil, role: String? = nil) {
            self.displayName = displayName
            self.phone = phone
            self.onDuty = onDuty
            self.disabled = disabled
            self.role = role
        }
    }

    public struct DutyPatch: Decodable {
        public let onDuty: Bool

        public init(onDuty: Bool) {
            self.onDuty = onDuty
        }
    }

    public struct NewToken: Decodable {
        public let label: String?
        public let expiresInDays: Int?

        public init(label: String? = nil, expiresInDays: Int? = nil) {
            self.label = label
            self.expiresInDays = expiresInDays
        }
    }
}

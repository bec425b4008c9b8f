import Foundation

/// An organization (or person) iStom supports.
public struct Customer: Sendable, Equatable, Codable {
    public let id: Int64
    public var name: String
    /// ИНН, checksum-validated when given.
    public var inn: String?
    /// КПП, format-validated when given.
    public var kpp: String?
    public let createdAt: Date

    public init(id: Int64, name: String, inn: String?, kpp: String?, createdAt: Date) {
        self.id = id
        self.name = name
        self.inn = inn
        self.kpp = kpp
        self.createdAt = createdAt
    }
}

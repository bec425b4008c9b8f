import Foundation

extension SellerRequisites {
    /// The requisites as an issued invoice keeps them (either engine): keys sorted, so the same
    /// seller is the same text.
    public func storedJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

import Foundation

/// Checks and normalizes e-mail addresses (the R-4.7 matching compares them normalized).
public enum EmailAddress {
    /// The address in lower case, or nil if it is not a plausible `local@domain.tld`.
    public static func normalized(_ text: String) -> String? {
        let address = text.trimming(.whitespaces).lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= 254, parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1]
        let allowedLocal = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-")
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...64).contains(local.count), local.allSatisfy(allowedLocal.contains),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
              labels.count >= 2,
              labels.allSatisfy({ label in
                  (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                      && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
              }),
              labels.last!.count >= 2
        else { return nil }
        return address
    }
}

import Foundation

/// The `Content-Disposition` of a file served for download.
enum ContentDisposition {
    /// `Content-Disposition: attachment` with the name as the sender gave it (RFC 6266: a plain
    /// ASCII fallback and the UTF-8 form), so it is saved, never shown inline by the browser.
    static func attachment(fileName: String) -> String {
        let fallback = String(fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(0x7F)))
            .union(CharacterSet(charactersIn: "-._~"))
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

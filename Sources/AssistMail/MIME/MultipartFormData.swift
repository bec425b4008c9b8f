/// Reads a `multipart/form-data` upload (RFC 7578) with the same MIME splitting the mail reader
/// uses: an upload is a MIME body with a boundary, like a letter's parts.
public enum MultipartFormData {
    /// The boundary of a `multipart/form-data` Content-Type, or nil when it is not one.
    public static func boundary(contentType: String) -> String? {
        let (type, parameters) = HeaderParameters.parse(contentType)
        guard type == "multipart/form-data", let boundary = parameters["boundary"], !boundary.isEmpty, boundary.count <= 70 else { return nil }
        return boundary
    }

    /// The parts, in order; a part without a form-data name is skipped (RFC 7578 §4.2 requires one).
    public static func parts(_ body: [UInt8], boundary: String) -> [FormDataPart] {
        MailParser.split(body[...], boundary: boundary).compactMap { raw in
            var notes: [String] = []
            let (headers, bytes) = MailParser.splitEntity(raw, notes: &notes)
            let disposition = HeaderParameters.parse(MailParser.header("Content-Disposition", headers) ?? "")
            guard disposition.type == "form-data", let name = disposition.parameters["name"] else { return nil }
            // A browser sends `filename=""` for a file input left empty: kept empty so the reader can skip it.
            let fileName = disposition.parameters["filename"].map { $0.isEmpty ? "" : MailParser.safeFileName($0) ?? "file" }
            return FormDataPart(name: name, fileName: fileName, bytes: Array(bytes))
        }
    }
}

import AssistCore

/// and the size limits over a message's files: what may be stored, and for each file
/// that may not, a sentence for the sender saying why.
struct AttachmentIntake {
    var accepted: [NewAttachment] = []
    /// "«name»: why", in the order the files came.
    var refused: [String] = []

    init(_ files: [IncomingFile], limits: AttachmentLimits, deflate: any DeflateReader) {
        var total = 0
        for file in files {
            let name = file.fileName
            guard accepted.count < limits.maxFiles else {
                refused.append("«\(name)»: не более \(limits.maxFiles) файлов в одном сообщении.")
                continue
            }
            guard file.bytes.count <= limits.maxFileBytes else {
                refused.append("«\(name)»: файл больше \(Self.megabytes(limits.maxFileBytes)) МБ.")
                continue
            }
            guard total + file.bytes.count <= limits.maxMessageBytes else {
                refused.append("«\(name)»: вместе с другими файлами сообщение больше \(Self.megabytes(limits.maxMessageBytes)) МБ.")
                continue
            }
            switch AttachmentFormat.verdict(of: file.bytes, deflate: deflate) {
            case .accepted(let format):
                accepted.append(NewAttachment(fileName: name, format: format, bytes: file.bytes))
                total += file.bytes.count
            case .refused(let sentence):
                refused.append("«\(name)»: \(sentence)")
            }
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(bytes / (1024 * 1024))
    }
}

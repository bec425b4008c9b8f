import AssistCore
import Foundation

/// Reads one raw RFC 5322 message (what an MTA pipe or IMAP hands over) into a `ParsedMail`.
public enum MailParser {
    /// Letters larger than this are cut (a desk message is text and a few screenshots).
    public static let maximumBytes = 25 * 1024 * 1024
    /// Attachments kept per letter; the rest are dropped with a note (R-4.6 wants a few
    /// screenshots, not a file dump).
    public static let maximumAttachments = 20
    /// One header, unfolded, is cut beyond this: mail clients write a few hundred bytes, a long
    /// References line a few kilobytes.
    public static let maximumHeaderBytes = 64 * 1024

    public static func parse(_ raw: [UInt8]) -> ParsedMail {
        var notes: [String] = []
        let bytes = raw.count > maximumBytes ? Array(raw.prefix(maximumBytes)) : raw
        if raw.count > maximumBytes { notes.append("cut at \(maximumBytes) bytes") }
        let (headers, body) = splitEntity(bytes[...], notes: &notes)
        let entity = Entity(headers: headers, body: body)
        var leaves: [Leaf] = []
        var bounce = BounceParts()
        var attachments = AttachmentParts()
        collect(entity, into: &leaves, bounce: &bounce, attachments: &attachments, notes: &notes, depth: 0)
        if attachments.dropped > 0 {
            notes.append("\(attachments.dropped) attachments over the limit of \(maximumAttachments): dropped")
        }

        let plain = leaves.first { $0.type == "text/plain" && !$0.isAttachment }
        let html = leaves.first { $0.type == "text/html" && !$0.isAttachment }
        let text = plain?.text ?? html.map { HTMLText.reduce($0.text) } ?? ""
        return ParsedMail(
            headers: headers, from: header("From", headers).map(EncodedWords.decode).flatMap(address(in:)),
            subject: EncodedWords.decode(header("Subject", headers) ?? ""),
            messageId: header("Message-ID", headers).flatMap { ids(in: $0).first },
            threadIds: ids(in: header("In-Reply-To", headers) ?? "") + ids(in: header("References", headers) ?? ""),
            text: text.replacingOccurrences(of: "\r\n", with: "\n"),
            attachments: attachments.kept,
            bounce: bounce.isReport ? ParsedMail.Bounce(
                originalMessageId: bounce.originalMessageId, failedRecipients: bounce.recipients, status: bounce.status) : nil,
            notes: notes)
    }

    // MARK: - Entities

    struct Entity {
        let headers: [(name: String, value: String)]
        /// A slice of the letter, not a copy: nested parts share its bytes.
        let body: ArraySlice<UInt8>

        var contentType: (type: String, parameters: [String: String]) {
            HeaderParameters.parse(header("Content-Type", headers) ?? "text/plain")
        }
    }

    struct Leaf {
        let type: String
        let text: String
        let isAttachment: Bool
    }

    struct BounceParts {
        var isReport = false
        var recipients: [String] = []
        var status: String?
        var originalMessageId: String?
    }

    struct AttachmentParts {
        var kept: [MailAttachment] = []
        var dropped = 0

        /// `make` runs only for a kept attachment: a letter of a thousand parts costs a count,
        /// not a thousand decoded copies.
        mutating func add(_ make: (_ number: Int) -> MailAttachment) {
            guard kept.count < MailParser.maximumAttachments else { dropped += 1; return }
            kept.append(make(kept.count + 1))
        }
    }

    private static func collect(
        _ entity: Entity, into leaves: inout [Leaf], bounce: inout BounceParts, attachments: inout AttachmentParts, notes: inout [String], depth: Int
    ) {
        guard depth < 20 else { notes.append("nested more than 20 levels deep: the rest is not read"); return }
        let (type, parameters) = entity.contentType
        if type.hasPrefix("multipart/") {
            if type == "multipart/report", parameters["report-type"]?.lowercased() == "delivery-status" { bounce.isReport = true }
            guard let boundary = parameters["boundary"], !boundary.isEmpty else {
                notes.append("\(type) without a boundary: read as text")
                leaves.append(Leaf(type: "text/plain", text: String(decoding: entity.body, as: UTF8.self), isAttachment: false))
                return
            }
            for part in split(entity.body, boundary: boundary) {
                let (headers, body) = splitEntity(part, notes: &notes)
                collect(Entity(headers: headers, body: body), into: &leaves, bounce: &bounce, attachments: &attachments, notes: &notes, depth: depth + 1)
            }
            return
        }
        let encoding = header("Content-Transfer-Encoding", entity.headers)
        switch type {
        case "message/delivery-status":
            let decoded = TransferEncoding.decode(Array(entity.body), encoding, notes: &notes)
            let fields = String(decoding: decoded, as: UTF8.self)
            for line in fields.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimming(.whitespaces) }
                guard parts.count == 2 else { continue }
                switch parts[0].lowercased() {
                case "final-recipient", "original-recipient":
                    let address = parts[1].split(separator: ";").last.map { $0.trimming(.whitespaces).lowercased() } ?? ""
                    if !address.isEmpty, !bounce.recipients.contains(address) { bounce.recipients.append(address) }
                case "status": bounce.status = parts[1]
                default: break
                }
            }
        case "message/rfc822", "text/rfc822-headers":
            let decoded = TransferEncoding.decode(Array(entity.body), encoding, notes: &notes)
            let (headers, _) = splitEntity(decoded[...], notes: &notes)
            if bounce.originalMessageId == nil { bounce.originalMessageId = header("Message-ID", headers).flatMap { ids(in: $0).first } }
            // Outside a delivery report a letter in a letter is something the customer attached (a forward).
            if type == "message/rfc822", !bounce.isReport {
                attachments.add { attachment(entity, type: type, parameters: parameters, bytes: decoded, number: $0) }
            }
        default:
            let disposition = header("Content-Disposition", entity.headers)?.lowercased() ?? ""
            let isAttachment = disposition.hasPrefix("attachment") || !type.hasPrefix("text/")
            // An attachment's bytes are kept as they are, never read as the letter's text.
            if isAttachment {
                attachments.add {
                    attachment(entity, type: type, parameters: parameters, bytes: TransferEncoding.decode(Array(entity.body), encoding, notes: &notes), number: $0)
                }
            }
            leaves.append(Leaf(
                type: type,
                text: isAttachment ? "" : Charset.decode(TransferEncoding.decode(Array(entity.body), encoding, notes: &notes), charset: parameters["charset"]),
                isAttachment: isAttachment))
        }
    }

    /// The file name comes from Content-Disposition `filename` (RFC 2231 pieces already joined by
    /// `HeaderParameters`), else Content-Type `name`; either may be RFC 2047 words, as Outlook
    /// and Gmail write them against the rules. Neither: `attachment-N`.
    private static func attachment(_ entity: Entity, type: String, parameters: [String: String], bytes: [UInt8], number: Int) -> MailAttachment {
        let disposition = HeaderParameters.parse(header("Content-Disposition", entity.headers) ?? "").parameters
        let name = [disposition["filename"], parameters["name"]].lazy.compactMap { $0 }
            .compactMap { safeFileName(EncodedWords.decode($0)) }.first
        return MailAttachment(fileName: name ?? "attachment-\(number)", declaredType: type, bytes: bytes)
    }

    /// A sender's file name made safe to show and to save: the last path component only
    /// (Windows clients send `C:\…\shot.png`), no control or direction-changing characters,
    /// at most 200 characters with the extension kept. Nil when nothing usable is left.
    static func safeFileName(_ raw: String) -> String? {
        var clean = ""
        clean.unicodeScalars.append(contentsOf: raw.unicodeScalars.filter {
            $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
        })
        clean = clean.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map { $0.trimming(.whitespaces) } ?? ""
        guard !clean.isEmpty, clean != ".", clean != ".." else { return nil }
        let limit = 200
        guard clean.count > limit else { return clean }
        if let dot = clean.lastIndex(of: "."), clean[dot...].count <= 16 {
            let suffix = clean[dot...]
            return String(clean.prefix(limit - suffix.count)) + suffix
        }
        return String(clean.prefix(limit))
    }

    /// Headers (unfolded, RFC 2047 left for the caller) and the body after the first empty line.
    ///
    /// A header is cut at `maximumHeaderBytes` (with a note): no mail client writes one that
    /// long, and everything read from it afterwards (decoding, threading) is bounded by it.
    static func splitEntity(_ bytes: ArraySlice<UInt8>, notes: inout [String]) -> ([(name: String, value: String)], ArraySlice<UInt8>) {
        var index = bytes.startIndex
        var lines: [String] = []
        /// The unfolded length of the header being read, and whether it was cut already (its
        /// further folded lines are then skipped at the cost of finding their end).
        var lineBytes = 0
        var currentCut = false
        var cut: [String] = []
        var bodyStart = bytes.endIndex
        while index < bytes.endIndex {
            var end = index
            while end < bytes.endIndex, bytes[end] != 10 { end += 1 }
            var line = bytes[index..<end]
            if line.last == 13 { line.removeLast() }
            index = end + 1
            if line.isEmpty { bodyStart = min(index, bytes.endIndex); break }
            let folded = (line.first == 32 || line.first == 9) && !lines.isEmpty
            if folded, currentCut { continue }
            if !folded { currentCut = false }
            let room = maximumHeaderBytes - (folded ? lineBytes + 1 : 0)
            if line.count > room {
                currentCut = true
                // Named from the header's first line, as printable ASCII: the note reaches logs.
                let first: [UInt8] = folded ? Array(lines[lines.count - 1].utf8.prefix(80)) : Array(line.prefix(80))
                let name = String(decoding: first.prefix { $0 != 58 }.filter { $0 >= 33 && $0 < 127 }, as: UTF8.self)
                if !cut.contains(name) { cut.append(name) }
                line = line.prefix(max(0, room))
                if line.isEmpty { continue }
            }
            // Raw 8-bit header bytes (against the rules, but common) are read as UTF-8.
            let text = String(decoding: line, as: UTF8.self)
            if folded {
                let unfolded = text.trimming(.whitespaces)
                lines[lines.count - 1] += " " + unfolded
                lineBytes += 1 + unfolded.utf8.count
            } else {
                lines.append(text)
                lineBytes = text.utf8.count
            }
        }
        for name in cut { notes.append("header \(name) longer than \(maximumHeaderBytes) bytes: cut") }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]).trimming(.whitespaces), String(line[line.index(after: colon)...]).trimming(.whitespaces))
        }
        return (headers, bytes[bodyStart...])
    }

    /// The parts of a multipart body between `--boundary` lines, up to `--boundary--`, as slices
    /// of it: a part nested twenty deep is not copied twenty times.
    static func split(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let end = body[index...].firstIndex(of: 10) ?? body.endIndex
            let next = min(end + 1, body.endIndex)
            if body[index..<end].starts(with: delimiter) {
                if let start = partStart {
                    // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1): an
                    // uploaded file's bytes end where the sender's did.
                    var partEnd = index
                    if partEnd > start, body[partEnd - 1] == 10 { partEnd -= 1 }
                    if partEnd > start, body[partEnd - 1] == 13 { partEnd -= 1 }
                    parts.append(body[start..<partEnd])
                }
                if body[(index + delimiter.count)..<end].starts(with: [45, 45]) { return parts }  // "--": the end
                partStart = next
            }
            index = end + 1
        }
        if let start = partStart { parts.append(body[start...]) }
        return parts
    }

    static func header(_ name: String, _ headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every `<…>` message id in a header value.
    static func ids(in value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            ids.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return ids
    }

    /// The address in `Name <addr>` or a bare `addr`, lower-cased.
    static func address(in value: String) -> String? {
        let candidate = ids(in: value).last.map { String($0.dropFirst().dropLast()) } ?? value
        let trimmed = candidate.trimming(.whitespaces).lowercased()
        return trimmed.contains("@") && !trimmed.contains(" ") ? trimmed : nil
    }
}

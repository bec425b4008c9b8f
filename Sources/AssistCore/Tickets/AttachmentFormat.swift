import Foundation

/// The attachment formats lets in: screenshots as JPG, GIF or PNG, and ZIP archives, the
/// only way a BMP may come.
///
/// Every file is judged by its bytes, never by its name (a product decision: names lie, and a
/// renamed program must not pass as a picture) — and so is every file inside a ZIP: a deflated
/// entry is inflated (`DeflateReader`, zlib) within bounds on its size and its ratio, and its
/// first bytes must be a picture's.
///
/// Decisions and limits:
/// - RAR is refused, though the regulation names it beside ZIP: no RAR reader we can trust and
///   test is at hand, and a container whose files cannot be judged is what this rule keeps out.
///   The sender is told to send a ZIP or the pictures themselves. (Files stored as RAR before
///   keep their format.)
/// - An entry inflates to at most `maximumEntryBytes`, an archive to `maximumArchiveBytes` in
///   all, at most `maximumRatio` times its compressed size: a ZIP bomb is refused before it is
///   inflated (its sizes say so), or when it inflates past what its sizes said.
/// - ZIP64, encrypted and multi-volume archives are refused, as are compression methods other
///   than stored and deflated: a few screenshots never need them, and each is a way to hide
///   what is inside.
/// - CRCs are not verified: a checksum says nothing about what kind of file an entry is.
public enum AttachmentFormat: String, Sendable, Codable, CaseIterable {
    case jpeg, gif, png, zip, rar

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .png: "image/png"
        case .zip: "application/zip"
        case .rar: "application/vnd.rar"
        }
    }

    /// on `bytes`, the whole file; `deflate` inflates what a ZIP holds compressed. Never
    /// traps, whatever the bytes: an attachment is whatever a stranger sent.
    public static func verdict(of bytes: [UInt8], deflate: any DeflateReader) -> AttachmentVerdict {
        guard !bytes.isEmpty else { return refusal("файл пустой") }
        let head = bytes[...]
        if let picture = picture(head) { return .accepted(picture) }
        if head.starts(with: zipEntrySignature) {
            if let problem = zipProblem(bytes, deflate: deflate) { return refusal(problem) }
            return .accepted(.zip)
        }
        // An empty ZIP is its end record alone.
        if head.starts(with: zipEndSignature) { return refusal(emptyArchive) }
        if rarSignatures.contains(where: { head.starts(with: $0) }) {
            return refusal("архивы RAR не принимаются, так как их содержимое нельзя проверить: пришлите снимки в архиве ZIP или сами файлы")
        }
        if isBMP(head) { return refusal("это BMP вне архива") }
        return refusal("формат не распознан")
    }

    // MARK: - Signatures

    private static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]
    private static let gifSignatures: [[UInt8]] = [Array("GIF87a".utf8), Array("GIF89a".utf8)]
    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    private static let bmpSignature: [UInt8] = Array("BM".utf8)
    private static let zipEntrySignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let zipEndSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    private static let zip64LocatorSignature: [UInt8] = [0x50, 0x4B, 0x06, 0x07]
    private static let rarSignatures: [[UInt8]] = [
        [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00],        // RAR 1.5–4.x
        [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00],  // RAR 5
    ]

    private static func picture(_ bytes: ArraySlice<UInt8>) -> AttachmentFormat? {
        if bytes.starts(with: jpegSignature) { return .jpeg }
        if gifSignatures.contains(where: { bytes.starts(with: $0) }) { return .gif }
        if bytes.starts(with: pngSignature) { return .png }
        return nil
    }

    private static func isBMP(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: bmpSignature)
    }

    // MARK: - The customer's sentence

    private static func refusal(_ reason: String) -> AttachmentVerdict {
        .refused("Файл не принят: \(reason). По регламенту (R-4.6) принимаются снимки экрана в форматах JPG, GIF или PNG, "
            + "а BMP — только внутри архива ZIP.")
    }

    // Reasons said in more than one place, worded once.
    private static let damaged = "архив повреждён"
    private static let zip64 = "архив в формате ZIP64 не поддерживается"
    private static let multiVolume = "многотомный архив не поддерживается"
    private static let emptyArchive = "в архиве нет файлов"

    /// An entry name as it may be shown back: it comes from the archive, so invisible and
    /// direction-changing characters are dropped (a name must read as what it is) and it is cut.
    private static func quoted(_ name: String) -> String {
        var clean = ""
        clean.unicodeScalars.append(contentsOf: name.unicodeScalars.filter {
            $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
        })
        if clean.count > 80 { clean = String(clean.prefix(80)) + "…" }
        return "«\(clean)»"
    }

    // MARK: - ZIP

    /// Enough for any screenshot archive; bounds the work a hostile directory can ask for.
    private static let maximumEntries = 1000
    /// An entry inflates to at most this: a 4K screenshot as a 32-bit BMP is 33 MB.
    public static let maximumEntryBytes = 64 * 1024 * 1024
    /// All entries of an archive together.
    public static let maximumArchiveBytes = 128 * 1024 * 1024
    /// An entry inflates to at most this many times its compressed size: a screenshot of a busy
    /// screen compresses 10–50 times, a blank one a few hundred; a bomb a thousand.
    public static let maximumRatio = 500
    /// How much of an inflated entry is kept to judge it: enough for every signature.
    private static let judgedBytes = 16
    private static let allowedExtensions = [".bmp", ".jpg", ".jpeg", ".gif", ".png"]
    private static let unknownInZIP64 = 0xFFFF_FFFF

    /// Why the ZIP is refused, or nil when every entry is a directory or a picture.
    private static func zipProblem(_ bytes: [UInt8], deflate: any DeflateReader) -> String? {
        guard let end = endRecordOffset(bytes) else { return damaged }
        guard let disk = field(bytes, end, 4, 2), let directoryDisk = field(bytes, end, 6, 2),
              let entriesOnDisk = field(bytes, end, 8, 2), let entries = field(bytes, end, 10, 2),
              let directorySize = field(bytes, end, 12, 4), let directoryOffset = field(bytes, end, 16, 4)
        else { return damaged }
        let hasZIP64Locator = end >= 20 && bytes[(end - 20)...].starts(with: zip64LocatorSignature)
        if hasZIP64Locator || entries == 0xFFFF || directorySize == unknownInZIP64 || directoryOffset == unknownInZIP64 {
            return zip64
        }
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entries else { return multiVolume }
        guard entries > 0 else { return emptyArchive }
        guard entries <= maximumEntries else { return "в архиве больше \(maximumEntries) файлов" }
        guard let directoryEnd = add(directoryOffset, directorySize), directoryEnd <= end else { return damaged }

        var position = directoryOffset
        var files = 0
        var inflatedTotal = 0
        for _ in 0..<entries {
            guard field(bytes, position, 0, 4) == 0x0201_4B50,
                  let flags = field(bytes, position, 8, 2), let method = field(bytes, position, 10, 2),
                  let compressedSize = field(bytes, position, 20, 4), let size = field(bytes, position, 24, 4),
                  let nameLength = field(bytes, position, 28, 2), let extraLength = field(bytes, position, 30, 2),
                  let commentLength = field(bytes, position, 32, 2), let startDisk = field(bytes, position, 34, 2),
                  let localOffset = field(bytes, position, 42, 4),
                  let nameStart = add(position, 46), let nameEnd = add(nameStart, nameLength),
                  let next = add(nameEnd, extraLength + commentLength), next <= directoryEnd
            else { return damaged }
            position = next

            // Names are read as UTF-8 whatever flag bit 11 says: the checks below only look at
            // ASCII (separators, dots, extensions), and a legacy CP866 name stays recognisable enough.
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            if compressedSize == unknownInZIP64 || size == unknownInZIP64 || localOffset == unknownInZIP64 || startDisk == 0xFFFF {
                return zip64
            }
            guard startDisk == 0 else { return multiVolume }
            guard flags & 1 == 0 else { return "файл \(quoted(name)) в архиве зашифрован" }
            guard !name.isEmpty else { return damaged }
            guard isSafePath(name) else { return "архив содержит файл с недопустимым путём \(quoted(name))" }
            if name.hasSuffix("/") { continue }
            let lowercased = name.lowercased()
            guard allowedExtensions.contains(where: { lowercased.hasSuffix($0) }) else { return "архив содержит файл \(quoted(name))" }
            // Sizes first, from the directory: a bomb is refused before anything is inflated.
            guard method == 0 || method == 8 else { return "файл \(quoted(name)) в архиве сжат неподдерживаемым способом" }
            inflatedTotal += size
            guard size <= maximumEntryBytes, inflatedTotal <= maximumArchiveBytes else {
                return "файлы в архиве слишком велики после распаковки (не более \(maximumEntryBytes >> 20) МБ каждый и \(maximumArchiveBytes >> 20) МБ вместе)"
            }
            guard size <= max(compressedSize, 1) * maximumRatio else {
                return "файл \(quoted(name)) в архиве сжат подозрительно сильно (более чем в \(maximumRatio) раз)"
            }
            guard let data = entryData(bytes, at: localOffset, compressedSize: compressedSize, method: method, before: directoryOffset) else {
                return damaged
            }
            let judged: ArraySlice<UInt8>
            if method == 0 {
                guard compressedSize == size else { return damaged }
                judged = data
            } else {
                // Inflated no further than the size the directory gave: an entry that says less than it holds is damaged.
                guard let inflated = deflate.inflate(data, head: judgedBytes, limit: size), inflated.size == size else { return damaged }
                judged = inflated.head[...]
            }
            guard picture(judged) != nil || isBMP(judged) else {
                return "файл \(quoted(name)) в архиве — не изображение JPG, GIF, PNG или BMP"
            }
            files += 1
        }
        // Bytes left over in the directory mean the count and the size disagree: two readers
        // could then see different entries.
        guard position == directoryEnd else { return damaged }
        return files > 0 ? nil : emptyArchive
    }

    /// The end record, searched backwards (it ends the file, after a comment of up to 65 535
    /// bytes). Its comment must reach exactly the end of the file: with bytes after it, readers
    /// can disagree about which record is the real one.
    private static func endRecordOffset(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let last = bytes.count - 22
        let first = max(0, last - 0xFFFF)
        for offset in stride(from: last, through: first, by: -1) where bytes[offset...].starts(with: zipEndSignature) {
            if let commentLength = field(bytes, offset, 20, 2), add(offset, 22 + commentLength) == bytes.count { return offset }
        }
        return nil
    }

    /// An entry's bytes as stored (compressed or not), from its local header; nil when the
    /// header is not where the directory says, disagrees with it, or the data runs into the directory.
    private static func entryData(_ bytes: [UInt8], at offset: Int, compressedSize size: Int, method: Int, before limit: Int) -> ArraySlice<UInt8>? {
        guard field(bytes, offset, 0, 4) == 0x0403_4B50,
              let flags = field(bytes, offset, 6, 2), let localMethod = field(bytes, offset, 8, 2),
              let nameLength = field(bytes, offset, 26, 2), let extraLength = field(bytes, offset, 28, 2),
              flags & 1 == 0, localMethod == method,
              let dataStart = add(offset, 30 + nameLength + extraLength), let dataEnd = add(dataStart, size),
              dataEnd <= limit, dataEnd <= bytes.count
        else { return nil }
        return bytes[dataStart..<dataEnd]
    }

    /// No absolute paths, drive letters or NTFS streams (":"), control characters, or ".."
    /// segments: an unpacked archive must stay in its folder. Backslashes count as separators
    /// because Windows unpackers treat them so.
    private static func isSafePath(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.hasPrefix("\\") || name.contains(":") { return false }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return false }
        let segments = name.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" })
        return !segments.contains("..")
    }

    /// A little-endian field of `width` bytes at `base + offset`, or nil when any of it lies
    /// outside `bytes` (a cut or lying archive).
    private static func field(_ bytes: [UInt8], _ base: Int, _ offset: Int, _ width: Int) -> Int? {
        guard base >= 0, let start = add(base, offset), let end = add(start, width), end <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in (start..<end).reversed() { value = value << 8 | UInt64(bytes[index]) }
        return Int(exactly: value)
    }

    /// Offsets come from the file: their sums are checked rather than trusted not to overflow.
    private static func add(_ a: Int, _ b: Int) -> Int? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }
}

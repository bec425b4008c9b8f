import AssistCore
import CZlib
import Testing
import ZlibInflate

/// R-4.6: screenshots in JPG, GIF or PNG; BMP only inside a ZIP archive; decided by the bytes,
/// not the name, inside archives too. The ZIPs are made here by hand (deflated by zlib), so each
/// test says exactly what is inside.
@Suite("Attachment formats")
struct AttachmentFormatTests {
    @Test("R-4.6 a picture is accepted by its content, whatever its name", arguments: [
        (Sample.png, AttachmentFormat.png), (Sample.jpeg, .jpeg), (Sample.gif87, .gif), (Sample.gif89, .gif),
    ])
    func pictures(bytes: [UInt8], format: AttachmentFormat) {
        #expect(verdict(bytes) == .accepted(format))
    }

    @Test("R-4.6 a BMP on its own is refused, and the customer is told why and by which rule")
    func bareBMP() throws {
        let sentence = try #require(refusal(Sample.bmp))
        #expect(sentence.contains("BMP вне архива"))
        #expect(sentence.hasPrefix("Файл не принят"))
        #expect(sentence.contains("(R-4.6)") && sentence.contains("JPG, GIF или PNG") && sentence.contains("только внутри архива ZIP"))
    }

    @Test("R-4.6 a ZIP with a stored BMP is accepted; so are pictures in folders, names in any case")
    func zipWithBMP() {
        #expect(verdict(ZIP.make([("screen.bmp", Sample.bmp)])) == .accepted(.zip))
        let folders = ZIP.make([("shots/", []), ("shots/1.BMP", Sample.bmp), ("shots/2.Png", Sample.png), ("3.jpeg", Sample.jpeg)])
        #expect(verdict(folders) == .accepted(.zip))
    }

    @Test("R-4.6 a stored entry named .bmp whose content is a program is refused: the content decides")
    func zipWithDisguisedProgram() throws {
        let sentence = try #require(refusal(ZIP.make([("screen.bmp", Sample.exe)])))
        #expect(sentence.contains("«screen.bmp»") && sentence.contains("не изображение"))
        #expect(refusal(ZIP.make([("empty.png", [])])) != nil, "an empty entry is not a picture either")
    }

    @Test("R-4.6 a ZIP holding another kind of file is refused, the file named in the sentence")
    func zipWithProgram() throws {
        let sentence = try #require(refusal(ZIP.make([("screen.bmp", Sample.bmp), ("a.exe", Sample.exe)])))
        #expect(sentence.contains("архив содержит файл «a.exe»"))
        #expect(sentence.contains("(R-4.6)"))
        #expect(refusal(ZIP.make([("a.exe", Sample.png)])) != nil, "a picture under another name is refused by its name")
    }

    @Test("R-4.6 a ZIP whose entries would unpack outside their folder is refused", arguments: [
        "../x.bmp", "/x.bmp", "shots/../../x.bmp", "..\\x.bmp", "\\x.bmp", "C:x.bmp", "a\u{1}.bmp",
    ])
    func zipPathEscape(name: String) throws {
        let sentence = try #require(refusal(ZIP.make([(name, Sample.bmp)])))
        #expect(sentence.contains("недопустимым путём"))
    }

    @Test("R-4.6 an encrypted ZIP is refused: its content cannot be checked")
    func zipEncrypted() throws {
        let sentence = try #require(refusal(ZIP.make([("screen.bmp", Sample.bmp)], flags: 1)))
        #expect(sentence.contains("«screen.bmp»") && sentence.contains("зашифрован"))
    }

    @Test("R-4.6 an empty ZIP, or one with folders only, is refused")
    func zipEmpty() throws {
        let empty: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        #expect(try #require(refusal(empty)).contains("нет файлов"))
        #expect(try #require(refusal(ZIP.make([("shots/", [])]))).contains("нет файлов"))
    }

    @Test("R-4.6 a ZIP cut in the middle of its directory is refused as damaged; so is every shorter prefix")
    func zipTruncated() throws {
        let whole = ZIP.make([("1.bmp", Sample.bmp), ("2.png", Sample.png), ("3.gif", Sample.gif89)])
        let directoryOffset = Int(whole[whole.count - 6]) | Int(whole[whole.count - 5]) << 8
        let cut = Array(whole.prefix(directoryOffset + 50))
        #expect(try #require(refusal(cut)).contains("архив повреждён"))
        for length in 0..<whole.count {
            #expect(refusal(Array(whole.prefix(length))) != nil, "prefix of \(length) bytes")
        }
    }

    @Test("R-4.6 a ZIP with bytes after its end record, or whose entry count lies, is refused as damaged")
    func zipInconsistent() throws {
        let whole = ZIP.make([("1.bmp", Sample.bmp), ("2.png", Sample.png)])
        #expect(try #require(refusal(whole + [0, 0, 0])).contains("архив повреждён"))
        var lying = whole
        lying[lying.count - 12] = 1  // total entries: 1 of 2
        lying[lying.count - 14] = 1  // entries on this disk
        #expect(try #require(refusal(lying)).contains("архив повреждён"))
        #expect(verdict(ZIP.make([("1.bmp", Sample.bmp)], comment: Array("сделано вручную".utf8))) == .accepted(.zip))
    }

    @Test("R-4.6 ZIP64 markers, unknown compression and more than 1000 entries are refused with a reason")
    func zipLimits() throws {
        #expect(try #require(refusal(ZIP.make([("1.bmp", Sample.bmp)], directorySize: 0xFFFF_FFFF)))
            .contains("ZIP64"))
        #expect(try #require(refusal(ZIP.make([("1.png", Sample.png)], method: 12))).contains("неподдерживаемым способом"))
        let thousand = (1...1000).map { ("\($0).bmp", Sample.bmp) }
        #expect(verdict(ZIP.make(thousand)) == .accepted(.zip))
        #expect(try #require(refusal(ZIP.make(thousand + [("1001.bmp", Sample.bmp)]))).contains("больше 1000 файлов"))
    }

    @Test("R-4.6 a deflated entry is inflated and judged by its bytes: a program named photo.png is refused, deflated pictures pass")
    func zipDeflated() throws {
        let sentence = try #require(refusal(ZIP.make([("photo.png", RawDeflate.of(Sample.exe))], method: 8, sizes: [Sample.exe.count])))
        #expect(sentence.contains("«photo.png»") && sentence.contains("не изображение"))
        let pictures = ZIP.make(
            [("1.bmp", RawDeflate.of(Sample.bmp)), ("2.png", RawDeflate.of(Sample.png))], method: 8, sizes: [Sample.bmp.count, Sample.png.count])
        #expect(verdict(pictures) == .accepted(.zip))
        // A stream that is no DEFLATE, one cut short, and one that holds more than its entry says.
        #expect(try #require(refusal(ZIP.make([("shot.png", [0xFF, 0xFF, 0xFF, 0xFF])], method: 8, sizes: [16]))).contains("архив повреждён"))
        #expect(try #require(refusal(ZIP.make([("shot.png", Array(RawDeflate.of(Sample.bmp).dropLast(2)))], method: 8, sizes: [Sample.bmp.count])))
            .contains("архив повреждён"))
        #expect(try #require(refusal(ZIP.make([("shot.bmp", RawDeflate.of(Sample.bmp))], method: 8, sizes: [Sample.bmp.count - 1])))
            .contains("архив повреждён"))
    }

    @Test("R-4.6 a ZIP bomb is refused: 1 GiB of zeros in 1 MiB by its declared size, before inflating; a bomb that hides its size stops at what it declared; a ratio past 500 is refused")
    func zipBombs() throws {
        let gibibyte = 1 << 30
        let zeros = RawDeflate.zeros(gibibyte, header: Sample.bmp)
        #expect(zeros.count < 2 << 20, "about 1 MiB: \(zeros.count)")
        let clock = ContinuousClock()
        let started = clock.now
        let declared = refusal(ZIP.make([("screen.bmp", zeros)], method: 8, sizes: [gibibyte]))
        #expect(declared?.contains("слишком велики") == true, "\(declared ?? "accepted")")
        // Declared small, inflating to 1 GiB: stopped at the declared size, never inflated whole.
        let hidden = refusal(ZIP.make([("screen.bmp", zeros)], method: 8, sizes: [40 << 20]))
        #expect(hidden?.contains("архив повреждён") == true, "\(hidden ?? "accepted")")
        #expect(clock.now - started < .seconds(30), "inflating stopped early")
        let flat = RawDeflate.zeros(32 << 20, header: Sample.bmp)
        let squeezed = refusal(ZIP.make([("blank.bmp", flat)], method: 8, sizes: [32 << 20]))
        #expect(squeezed?.contains("сжат подозрительно сильно") == true, "\(squeezed ?? "accepted")")
        // Three entries of 50 MiB each (random bytes, which do not compress): each under the entry
        // bound, together over the archive's.
        let size = Sample.bmp.count + (50 << 20)
        let big = RawDeflate.of(Sample.bmp + Sample.random(64 << 10, repeated: 800), level: Z_BEST_SPEED)
        let one = ZIP.make([("a.bmp", big)], method: 8, sizes: [size])
        let accepted = verdict(one)
        #expect(accepted == .accepted(.zip))
        let three = ZIP.make([("a.bmp", big), ("b.bmp", big), ("c.bmp", big)], method: 8, sizes: [size, size, size])
        let refused = refusal(three)
        #expect(refused?.contains("слишком велики") == true, "\(refused ?? "accepted")")
    }

    @Test("R-4.6 RAR is refused, whatever it holds: its files cannot be judged; the sender is told to send a ZIP")
    func rar() throws {
        let rar4: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00, 0xCF, 0x90, 0x73]
        let rar5: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00, 0x33, 0x92]
        var generator = SplitMix64(seed: 7)
        let random = rar5 + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for archive in [rar4, rar5, random] {
            let sentence = try #require(refusal(archive))
            #expect(sentence.contains("RAR не принимаются") && sentence.contains("ZIP"))
        }
        #expect(try #require(refusal(Array(rar5.prefix(6)))).contains("формат не распознан"), "a cut signature is no RAR")
    }

    @Test("R-4.6 a PDF, random bytes and an empty file are refused")
    func otherFormats() throws {
        #expect(try #require(refusal(Array("%PDF-1.7\n".utf8))).contains("формат не распознан"))
        #expect(try #require(refusal([])).contains("файл пустой"))
        var generator = SplitMix64(seed: 46)
        for _ in 0..<100 {
            let random = (0..<Int.random(in: 1...512, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Skip the rare draw that begins like a real signature.
            guard !([[0xFF, 0xD8, 0xFF], [0x52, 0x61, 0x72, 0x21]] as [[UInt8]]).contains(where: { random.starts(with: $0) }) else { continue }
            #expect(refusal(random) != nil, "\(random.prefix(8))")
        }
    }

    @Test("R-4.6 media types")
    func mediaTypes() {
        #expect(AttachmentFormat.allCases.map(\.mediaType) == [
            "image/jpeg", "image/gif", "image/png", "application/zip", "application/vnd.rar",
        ])
    }

    @Test("R-4.6 a damaged ZIP never crashes the check: 2 000 random flips and cuts of a valid archive")
    func zipFuzz() {
        let valid = ZIP.make([("shots/", []), ("1.bmp", Sample.bmp), ("2.png", Sample.png), ("3.jpg", Sample.jpeg)])
        var generator = SplitMix64(seed: 2026)
        var verdicts = 0
        for _ in 0..<2000 {
            var bytes = valid
            let mode = Int.random(in: 0..<3, using: &generator)
            if mode != 1 {
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            if mode != 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator))) }
            switch verdict(bytes) {
            case .accepted: verdicts += 1
            case .refused(let sentence):
                verdicts += 1
                #expect(sentence.contains("(R-4.6)"))
            }
        }
        #expect(verdicts == 2000)
    }

    private func verdict(_ bytes: [UInt8]) -> AttachmentVerdict {
        AttachmentFormat.verdict(of: bytes, deflate: ZlibDeflateReader())
    }

    private func refusal(_ bytes: [UInt8]) -> String? {
        if case .refused(let sentence) = verdict(bytes) { sentence } else { nil }
    }
}

/// The smallest files that carry each format's signature.
private enum Sample {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8)
    static let gif87: [UInt8] = Array("GIF87a".utf8) + [1, 0, 1, 0]
    static let gif89: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0]
    static let bmp: [UInt8] = Array("BM".utf8) + [0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]
    static let exe: [UInt8] = Array("MZ".utf8) + [0x90, 0, 3, 0, 0, 0]

    /// `count` random bytes, `times` over: beyond DEFLATE's 32 KiB window, a repeat of 64 KiB does not compress.
    static func random(_ count: Int, repeated times: Int) -> [UInt8] {
        var generator = SplitMix64(seed: 64)
        let block = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * times)
        for _ in 0..<times { bytes.append(contentsOf: block) }
        return bytes
    }
}

/// A ZIP as an archiver writes it: local headers with the data, the central directory, the end
/// record. CRCs are zero (the check must not depend on them). The data is written as given:
/// with `method: 8` it is a raw DEFLATE stream (`RawDeflate`), and `sizes` gives each entry's
/// inflated size (the stored size when absent).
private enum ZIP {
    static func make(
        _ entries: [(String, [UInt8])], flags: UInt16 = 0, method: UInt16 = 0, sizes: [Int]? = nil,
        directorySize: UInt32? = nil, comment: [UInt8] = []
    ) -> [UInt8] {
        var file = Writer()
        var directory = Writer()
        for (number, (name, data)) in entries.enumerated() {
            let nameBytes = Array(name.utf8)
            let offset = UInt32(file.bytes.count)
            let size = UInt32(sizes?[number] ?? data.count)
            file.u32(0x0403_4B50); file.u16(20); file.u16(flags); file.u16(method); file.u16(0); file.u16(0)
            file.u32(0); file.u32(UInt32(data.count)); file.u32(size)
            file.u16(UInt16(nameBytes.count)); file.u16(0)
            file.raw(nameBytes); file.raw(data)

            directory.u32(0x0201_4B50); directory.u16(20); directory.u16(20); directory.u16(flags); directory.u16(method)
            directory.u16(0); directory.u16(0)
            directory.u32(0); directory.u32(UInt32(data.count)); directory.u32(size)
            directory.u16(UInt16(nameBytes.count)); directory.u16(0); directory.u16(0)
            directory.u16(0); directory.u16(0); directory.u32(0)
            directory.u32(offset)
            directory.raw(nameBytes)
        }
        let directoryOffset = UInt32(file.bytes.count)
        file.raw(directory.bytes)
        file.u32(0x0605_4B50); file.u16(0); file.u16(0)
        file.u16(UInt16(entries.count)); file.u16(UInt16(entries.count))
        file.u32(directorySize ?? UInt32(directory.bytes.count)); file.u32(directoryOffset)
        file.u16(UInt16(comment.count)); file.raw(comment)
        return file.bytes
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func u16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
        mutating func u32(_ value: UInt32) { u16(UInt16(value & 0xFFFF)); u16(UInt16(value >> 16)) }
        mutating func raw(_ data: [UInt8]) { bytes += data }
    }
}


/// Raw DEFLATE streams (a ZIP entry's method 8) made with zlib: its zlib-format output without
/// the 2-byte header and the 4-byte Adler-32 after the stream.
private enum RawDeflate {
    static func of(_ bytes: [UInt8], level: Int32 = Z_BEST_COMPRESSION) -> [UInt8] {
        compress([bytes[...]], level: level)
    }

    /// `header` then zeros up to `size` bytes, streamed in 1 MiB pieces (never `size` bytes at once).
    static func zeros(_ size: Int, header: [UInt8]) -> [UInt8] {
        let piece = [UInt8](repeating: 0, count: 1 << 20)
        var pieces: [ArraySlice<UInt8>] = [header[...]]
        var left = size - header.count
        while left > 0 {
            pieces.append(piece.prefix(min(left, piece.count)))
            left -= piece.count
        }
        return compress(pieces, level: Z_BEST_COMPRESSION)
    }

    private static func compress(_ pieces: [ArraySlice<UInt8>], level: Int32) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit_(&stream, level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        for (index, piece) in pieces.enumerated() {
            let flush = index == pieces.count - 1 ? Z_FINISH : Z_NO_FLUSH
            piece.withUnsafeBufferPointer { input in
                stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = uInt(input.count)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        _ = deflate(&stream, flush)
                        output += out.prefix(out.count - Int(stream.avail_out))
                    }
                } while stream.avail_out == 0 || stream.avail_in > 0
            }
        }
        return Array(output.dropFirst(2).dropLast(4))
    }
}

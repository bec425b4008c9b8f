/// Inflates a raw DEFLATE stream — a ZIP entry's method 8 — so can judge the entry by its
/// bytes, not its name. Given by the composition root (zlib): Core does no I/O and links no C library.
public protocol DeflateReader: Sendable {
    /// The first `head` bytes of the inflated stream and its whole length, inflating no more than
    /// `limit` bytes; nil when the stream is damaged, ends early, or inflates past `limit`.
    func inflate(_ deflated: ArraySlice<UInt8>, head: Int, limit: Int) -> (head: [UInt8], size: Int)?
}

/// One untagged response line (`* …`) with the literals it carried (`{n}` followed by n bytes),
/// e.g. a message's raw bytes in `* 1 FETCH (UID 7 BODY[] {2048} …)`.
struct IMAPResponse: Sendable {
    /// The line without its leading `* `, each literal replaced by `{n}`.
    let text: String
    let literals: [[UInt8]]
}

/// An answer `APIResponse` writes with `JSONAnswerWriter` instead of `JSONEncoder.api`: the same
/// bytes, without the encoder's cost. Only for answers where that cost showed in a profile; each
/// conformance has a test that compares its bytes with `JSONEncoder.api`'s for many values.
protocol DirectJSONAnswer {
    func writeJSON(to writer: inout JSONAnswerWriter)
}

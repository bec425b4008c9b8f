/// The first error met while recording delivery outcomes as they arrive (reports come from
/// the SMTP conversation; the round rethrows after it).
actor UnrecordedOutcomes {
    private(set) var first: (any Error)?

    func add(_ error: any Error) {
        if first == nil { first = error }
    }
}

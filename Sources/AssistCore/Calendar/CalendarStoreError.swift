/// Why the store did not save a calendar revision.
public enum CalendarStoreError: Error, Sendable, Equatable {
    /// Another revision was saved since the one the change was made on.
    case changedMeanwhile
}

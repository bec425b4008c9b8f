/// Why an invoice could not be issued or cancelled.
public enum InvoiceError: Error, Sendable, Equatable {
    case customerNotFound
    /// Nothing billable and not yet invoiced in the period.
    case nothingToInvoice
    case notFound
    case alreadyCancelled(creditNote: String)
}

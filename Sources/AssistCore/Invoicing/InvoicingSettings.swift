/// What invoicing needs from configuration. Both are required: until an admin sets them,
/// invoices are refused with a sentence naming the missing settings.
public struct InvoicingSettings: Sendable, Equatable {
    public var vat: VATRule?
    public var seller: SellerRequisites?

    public init(vat: VATRule? = nil, seller: SellerRequisites? = nil) {
        self.vat = vat
        self.seller = seller
    }

    /// The settings still to configure, e.g. ["billing.vat", "seller.*"]; empty when ready.
    public var missing: [String] {
        (vat == nil ? ["billing.vat"] : []) + (seller == nil ? ["seller.*"] : [])
    }
}

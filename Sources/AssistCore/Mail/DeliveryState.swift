/// Where a notification is on its way to the customer's mailbox.
public enum DeliveryState: String, Sendable, Codable, CaseIterable {
    /// Written, waiting for the delivery service.
    case queued
    /// Claimed by the delivery service, being handed to the relay now.
    case sending
    /// The relay accepted it (250): for an acceptance confirmation, the ticket is accepted.
    case sent
    /// The relay or the network failed for now (4xx, timeout): tried again later.
    case deferred
    /// Refused for good (5xx) or out of retries: staff are told, the address is flagged.
    case failed
}

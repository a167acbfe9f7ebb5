import Foundation

/// Every account's calendar, shared by the protocol handlers; thread-safe.
public final class SandboxStore: @unchecked Sendable {
    private let lock = NSLock()
    private var calendars: [String: SandboxCalendar] = [:]
    private let knownAccounts: Set<String>?

    /// A store where `accounts` exist (nil: every account exists).
    public init(accounts: Set<String>?) {
        knownAccounts = accounts
    }

    /// Whether `account` exists on the node.
    public func exists(_ account: String) -> Bool {
        knownAccounts?.contains(account) ?? !account.isEmpty
    }

    /// Runs `body` on `account`'s calendar under the lock.
    func withCalendar<T>(_ account: String, _ body: (inout SandboxCalendar) throws -> T) rethrows -> T {
        try lock.withLock {
            var calendar = calendars[account] ?? SandboxCalendar()
            defer { calendars[account] = calendar }
            return try body(&calendar)
        }
    }

    /// The components `account` holds, sorted.
    public func events(of account: String) -> [StoredEvent] {
        lock.withLock { calendars[account]?.events ?? [] }
    }

    /// What `account` holds and how many writes changed it.
    public func inspection(of account: String) -> AccountInspection {
        lock.withLock { AccountInspection(account: account, events: calendars[account]?.events ?? [], changes: calendars[account]?.changes ?? 0) }
    }

    /// Everything `account` holds as the node stored it: each item's iCalendar text, one after
    /// the other (for `GET /_sandbox/accounts/{account}/calendar`).
    public func storedText(of account: String) -> Data {
        lock.withLock { (calendars[account]?.items.values.map(\.data) ?? []).reduce(into: Data()) { $0.append($1) } }
    }

    /// Imports `payload` into `account` the way a UID-matching import does: a UID already
    /// there is replaced unless `skipExisting`, or unless it holds a higher SEQUENCE
    /// (`respectSequence`). Returns the UIDs written and the items refused.
    func importItems(_ payload: ICSPayload, into account: String, skipExisting: Bool, respectSequence: Bool)
        -> (written: [String], refused: [(uid: String, reason: String)])
    {
        withCalendar(account) { calendar in
            calendar.collectionExists = true
            var written: [String] = [], refused: [(String, String)] = []
            for item in payload.items {
                if let reason = item.refusal { refused.append((item.uid, reason)); continue }
                if let old = calendar.item(uid: item.uid) {
                    if skipExisting { continue }
                    if respectSequence, old.sequence > (item.events.map(\.sequence).max() ?? 0) { continue }
                }
                _ = calendar.store(item, name: calendar.item(uid: item.uid)?.resourceName ?? SandboxStore.resourceName(item.uid))
                written.append(item.uid)
            }
            return (written, refused)
        }
    }

    /// The resource name an import gives a new UID.
    static func resourceName(_ uid: String) -> String {
        (uid.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "item") + ".ics"
    }
}

import Foundation

/// One account's calendar in the sandbox: items by UID, and the CalDAV resource names they use.
struct SandboxCalendar {
    /// Whether its CalDAV collection exists (MKCALENDAR, or any import through another protocol).
    var collectionExists = false {
        didSet { if collectionExists != oldValue { changes += 1 } }
    }
    /// How many writes changed it (an item stored or removed, emptied, its collection created).
    private(set) var changes = 0
    private(set) var items: [String: StoredItem] = [:]
    private var uidByName: [String: String] = [:]
    private var revision = 0

    /// All stored components, sorted by UID then RECURRENCE-ID.
    var events: [StoredEvent] {
        items.values.flatMap(\.events).sorted { ($0.uid, $0.recurrenceID ?? "") < ($1.uid, $1.recurrenceID ?? "") }
    }

    func item(named name: String) -> StoredItem? {
        uidByName[name].flatMap { items[$0] }
    }

    func item(uid: String) -> StoredItem? { items[uid] }

    /// Stores `payload` under `name`, replacing what the UID held.
    mutating func store(_ payload: ICSPayload.Item, name: String, data: Data? = nil) -> StoredItem {
        if let old = items[payload.uid], old.resourceName != name { uidByName[old.resourceName] = nil }
        revision += 1
        changes += 1
        let item = StoredItem(uid: payload.uid, resourceName: name, etag: "\"\(revision)-\(payload.uid.hashValue & 0xffff)\"",
                              data: data ?? ICSPayload.text(of: payload), events: payload.events)
        items[payload.uid] = item
        uidByName[name] = payload.uid
        collectionExists = true
        return item
    }

    /// Removes the item under resource `name`; false when there was none.
    mutating func remove(named name: String) -> Bool {
        guard let uid = uidByName.removeValue(forKey: name) else { return false }
        items[uid] = nil
        changes += 1
        return true
    }

    /// Removes everything.
    mutating func removeAll() {
        if !items.isEmpty { changes += 1 }
        items.removeAll()
        uidByName.removeAll()
    }
}

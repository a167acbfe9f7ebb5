import Foundation
import ICalendar

/// Zimbra's ICS import (`POST …/{folder}?fmt=ics`) as its code behaves, component by component.
///
/// - Zimbra/zm-mailbox store/src/java/com/zimbra/cs/service/formatter/IcsFormatter.java:172-205
///   (`saveCallback`): every VEVENT and VTODO becomes an invite added to the folder; `resolve=`
///   is never read there (only ArchiveFormatter.java reads it), so an existing UID is updated.
/// - store/src/java/com/zimbra/cs/mailbox/calendar/Invite.java:1808-1809: only VEVENT and VTODO
///   are read; a VJOURNAL is passed over without a word.
/// - Invite.java:2186-2198: a component that cannot be read or stored is rethrown unless
///   `ignore` is set (UserServletContext.java:343-352: `ignore` parsed as an integer, non-zero
///   = continue, default off); with it, the component is only logged (`logIcsParseImportError`).
/// - store/src/java/com/zimbra/cs/mailbox/Mailbox.java:5841-5897 (`addInvite`): each invite is
///   its own transaction, so what was stored before a rethrown error stays stored, and nothing
///   after it is read.
/// - store/src/java/com/zimbra/cs/mailbox/calendar/IcsImportParseHandler.java:259-273: a
///   `FORBIDDEN` answer (a new series with effectively zero instances, CalendarItem.java:561-568)
///   is only logged, whatever `ignore` says.
/// - store/src/java/com/zimbra/cs/mailbox/CalendarItem.java:1947-1982 with Invite.java:2709-2714:
///   an invite replaces the stored one of the same RECURRENCE-ID when its SEQUENCE is the same or
///   higher; a lower one is ignored ("perhaps delivered out of order").
struct ZimbraICSImport {
    /// What happened to one component.
    enum Outcome: Equatable {
        case stored
        /// Passed over without an error (zero instances, older SEQUENCE, VJOURNAL).
        case dropped(String)
        /// Refused: an error Zimbra rethrows unless `ignore` is set.
        case refused(String)
        /// The whole import fails here whatever `ignore` says: what came before stays stored.
        /// Stands for a parse error of the streaming parser part way through a file above
        /// 128 KB (IcsFormatter.java:193-200: components are stored during the parse, and
        /// `ZCalendarBuilder.parse` throws outside the per-component catch), answered 500.
        case aborted(String)
    }

    let store: SandboxStore
    let account: String

    /// Imports `document`'s components in file order; stops at the first refused one unless
    /// `continueOnError`. Returns the outcomes in order and the refusal that stopped it, if any.
    func run(_ document: CalendarDocument, continueOnError: Bool) -> (outcomes: [Outcome], stoppedBy: String?) {
        var outcomes: [Outcome] = []
        for component in document.calendars.flatMap(\.components) where ["VEVENT", "VTODO", "VJOURNAL"].contains(component.name) {
            let outcome = importOne(component)
            outcomes.append(outcome)
            switch outcome {
            case .refused(let reason) where !continueOnError, .aborted(let reason): return (outcomes, reason)
            default: continue
            }
        }
        return (outcomes, nil)
    }

    private func importOne(_ component: Component) -> Outcome {
        guard component.name != "VJOURNAL" else { return .dropped("VJOURNAL is not read") }
        if let reason = component.first("X-CALIMPORT-SANDBOX-REFUSE")?.value { return .refused(reason) }
        if let reason = component.first("X-CALIMPORT-SANDBOX-ABORT")?.value { return .aborted(reason) }
        // IcsImportParseHandler.java:245-250: a missing UID is generated.
        let uid = component.first("UID")?.value ?? UUID().uuidString
        let event = ICSPayload.storedEvent(component, uid: uid)
        return store.withCalendar(account) { calendar -> Outcome in
            var components = calendar.item(uid: uid).map { Self.components(of: $0.data) } ?? []
            if components.isEmpty, ZimbraInstanceCheck.hasNoInstances(component) {
                return .dropped("Recurring series has effectively zero instances")
            }
            let recurrenceID = component.first("RECURRENCE-ID")?.value
            if let index = components.firstIndex(where: { $0.first("RECURRENCE-ID")?.value == recurrenceID }) {
                guard event.sequence >= ICSPayload.storedEvent(components[index], uid: uid).sequence else {
                    return .dropped("older SEQUENCE than stored")
                }
                components[index] = component
            } else {
                components.append(component)
            }
            let item = ICSPayload.Item(uid: uid, events: components.map { ICSPayload.storedEvent($0, uid: uid) }, components: components)
            _ = calendar.store(item, name: calendar.item(uid: uid)?.resourceName ?? SandboxStore.resourceName(uid))
            return .stored
        }
    }

    private static func components(of data: Data) -> [Component] {
        ((try? CalendarDocument.parse(data))?.calendars.flatMap(\.components) ?? []).filter { ["VEVENT", "VTODO"].contains($0.name) }
    }
}

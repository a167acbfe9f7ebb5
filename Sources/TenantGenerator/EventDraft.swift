/// Everything one VEVENT says — a single event, a series master or one RECURRENCE-ID
/// override — and how each product writes it.
struct EventDraft: Sendable {
    var uid: String
    var summary: String
    var start: EventTime
    var end: EventTime
    /// The RRULE value of a series master.
    var rule: String?
    /// EXDATEs of a series master.
    var exceptions: [EventTime] = []
    /// The occurrence an override replaces.
    var recurrenceID: EventTime?
    var sequence = 0
    /// Export time, UTC.
    var stamp: CalendarTime
    /// UTC.
    var created: CalendarTime
    /// UTC.
    var lastModified: CalendarTime
    var organizer: Participant?
    var attendees: [Participant] = []
    var description: String?
    /// Outlook's X-ALT-DESC;FMTTYPE=text/html.
    var htmlDescription: String?
    var location: String?
    var categories: [String] = []
    var classification = "PUBLIC"
    var isTransparent = false
    var status = "CONFIRMED"
    /// The TRIGGER of a display alarm, e.g. `-PT15M`.
    var alarmTrigger: String?

    /// Whether this is an all-day event.
    var isAllDay: Bool {
        if case .date = start { return true }
        return false
    }

    /// Writes the VEVENT.
    func write(flavor: ExportFlavor, to writer: inout ContentLineWriter) {
        writer.begin("VEVENT")
        writeTimes(flavor: flavor, to: &writer)
        writer.property("DTSTAMP", stamp.utcText)
        writer.property("UID", uid)
        writeParticipants(flavor: flavor, to: &writer)
        writeDescriptive(to: &writer)
        writeVendorProperties(flavor: flavor, to: &writer)
        writeAlarm(to: &writer)
        writer.end("VEVENT")
    }

    private func writeTimes(flavor: ExportFlavor, to writer: inout ContentLineWriter) {
        start.write("DTSTART", to: &writer)
        end.write("DTEND", to: &writer)
        if let rule { writer.property("RRULE", rule) }
        writeExceptions(flavor: flavor, to: &writer)
        recurrenceID?.write("RECURRENCE-ID", to: &writer)
    }

    /// Google writes one EXDATE line per date, Outlook and Zimbra one list.
    private func writeExceptions(flavor: ExportFlavor, to writer: inout ContentLineWriter) {
        guard let first = exceptions.first else { return }
        if flavor == .google {
            for exception in exceptions { exception.write("EXDATE", to: &writer) }
        } else {
            writer.property("EXDATE", first.parameters, exceptions.map(\.valueText).joined(separator: ","))
        }
    }

    private func writeParticipants(flavor: ExportFlavor, to writer: inout ContentLineWriter) {
        organizer?.writeOrganizer(to: &writer)
        for attendee in attendees { attendee.writeAttendee(flavor: flavor, to: &writer) }
    }

    private func writeDescriptive(to writer: inout ContentLineWriter) {
        writer.property("CREATED", created.utcText)
        if let description { writer.text("DESCRIPTION", description) }
        writer.property("LAST-MODIFIED", lastModified.utcText)
        if let location { writer.text("LOCATION", location) }
        if !categories.isEmpty { writer.textList("CATEGORIES", categories) }
        writer.property("CLASS", classification)
        writer.property("SEQUENCE", String(sequence))
        writer.property("STATUS", status)
        writer.text("SUMMARY", summary)
        writer.property("TRANSP", isTransparent ? "TRANSPARENT" : "OPAQUE")
    }

    private func writeVendorProperties(flavor: ExportFlavor, to writer: inout ContentLineWriter) {
        switch flavor {
        case .outlook:
            if let htmlDescription { writer.text("X-ALT-DESC", [.init("FMTTYPE", "text/html")], htmlDescription) }
            writer.property("X-MICROSOFT-CDO-APPT-SEQUENCE", String(sequence))
            writer.property("X-MICROSOFT-CDO-BUSYSTATUS", busyStatus)
            writer.property("X-MICROSOFT-CDO-INTENDEDSTATUS", busyStatus)
            writer.property("X-MICROSOFT-CDO-ALLDAYEVENT", isAllDay ? "TRUE" : "FALSE")
            writer.property("X-MICROSOFT-CDO-IMPORTANCE", "1")
            writer.property("X-MICROSOFT-CDO-INSTTYPE", rule != nil ? "1" : recurrenceID != nil ? "3" : "0")
            writer.property("X-MICROSOFT-DISALLOW-COUNTER", "FALSE")
        case .google:
            if organizer != nil { writer.property("X-GOOGLE-CONFERENCE", "https://meet.google.com/" + uid.prefix(3) + "-" + uid.dropFirst(3).prefix(4)) }
        case .zimbra:
            writer.property("X-MICROSOFT-CDO-ALLDAYEVENT", isAllDay ? "TRUE" : "FALSE")
            writer.property("X-MICROSOFT-CDO-INTENDEDSTATUS", busyStatus)
        }
    }

    private var busyStatus: String {
        if isTransparent { return "FREE" }
        return status == "TENTATIVE" ? "TENTATIVE" : "BUSY"
    }

    private func writeAlarm(to writer: inout ContentLineWriter) {
        guard let alarmTrigger else { return }
        writer.begin("VALARM")
        writer.property("ACTION", "DISPLAY")
        writer.text("DESCRIPTION", "Reminder")
        writer.property("TRIGGER", alarmTrigger)
        writer.end("VALARM")
    }
}

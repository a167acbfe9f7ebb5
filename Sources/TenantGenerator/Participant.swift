/// An ORGANIZER or ATTENDEE of a meeting.
struct Participant: Sendable {
    /// The CN parameter; quoted on output when it contains a comma.
    var name: String
    var address: String
    var role: String = "REQ-PARTICIPANT"
    var status: String = "NEEDS-ACTION"
    var wantsReply: Bool = true

    /// Writes the ORGANIZER line.
    func writeOrganizer(to writer: inout ContentLineWriter) {
        writer.property("ORGANIZER", [.init("CN", name)], "mailto:" + address)
    }

    /// Writes an ATTENDEE line the way the given product does.
    func writeAttendee(flavor: ExportFlavor, to writer: inout ContentLineWriter) {
        var parameters: [ContentLineWriter.Parameter] = []
        if flavor == .google { parameters.append(.init("CUTYPE", "INDIVIDUAL")) }
        parameters.append(.init("ROLE", role))
        parameters.append(.init("PARTSTAT", status))
        if wantsReply { parameters.append(.init("RSVP", "TRUE")) }
        parameters.append(.init("CN", name))
        if flavor == .google { parameters.append(.init("X-NUM-GUESTS", "0")) }
        writer.property("ATTENDEE", parameters, "mailto:" + address)
    }
}

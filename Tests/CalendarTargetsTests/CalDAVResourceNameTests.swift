import CalendarTargets
import Testing

/// The resource-name rule: names of UIDs servers accepted stay as they were; UIDs holding a
/// character some real server refuses once it decodes the name take the hash form.
@Suite struct CalDAVResourceNameTests {
    @Test(arguments: [
        ("040000008200E00074C5B7101A82E0080000000", "040000008200E00074C5B7101A82E0080000000.ics"),
        ("abc-123_x.y@example.com", "abc-123_x.y%40example.com.ics"),
        ("a b+c=d{e}", "a%20b%2Bc%3Dd%7Be%7D.ics"),
        ("ünï", "%C3%BCn%C3%AF.ics"),
    ])
    func acceptedNamesStayAsTheyWere(uid: String, name: String) {
        #expect(CalDAVResourceName.forUID(uid) == name)
    }

    @Test(arguments: ["skyrix:/ogo-debian/11810", "http://uid.trumba.com/event/123", "*masked-away*@google.com",
                      "a\\b", "say \"hi\"", "it's", "a,b", "why?", "tab\there", ".hidden", "", String(repeating: "x", count: 200)])
    func refusedCharactersTakeTheStableHashForm(uid: String) {
        let name = CalDAVResourceName.forUID(uid)
        #expect(name.hasPrefix("uid-") && name.hasSuffix(".ics"), "\(name)")
        #expect(name.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "%") })
        #expect(CalDAVResourceName.forUID(uid) == name)
        #expect(CalDAVResourceName.forUID(uid + "1") != name)
    }

    @Test func theHashIsFixedAcrossRunsAndMachines() {
        #expect(CalDAVResourceName.forUID("skyrix:/ogo-debian/11810") == "uid-4c0d0157d8e17f75.ics")
    }
}

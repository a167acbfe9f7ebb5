import Foundation
@testable import Importer
import Testing

/// Account names, lists, maps and source templates, without a database.
struct OperatorAccountSourceTests {
    @Test(arguments: [
        "../etc/passwd", "a/b@example.com", "a\\b@example.com", "a\u{0}b@example.com", "line\nbreak@example.com",
        "tab\t@example.com", "..", ".hidden@example.com", "-rf@example.com", "", "a@b@example.com", "anna@localhost",
        "anna@exa mple.com", "anna@-example.com", "an na@example.com", "anna;rm@example.com", "a$(id)@example.com",
        String(repeating: "a", count: 250) + "@example.com", "esc\u{1B}[2J@example.com",
    ])
    func hostileOrImplausibleNamesAreRefused(_ name: String) {
        #expect(AccountName.refusal(name) != nil, "accepted \(name.debugDescription)")
    }

    @Test(arguments: ["anna.schmidt@example.com", "jürgen.müller@beispiel.de", "o'brien@example.org", "first+tag@example.com", "user_1", "x=y@sub.example.co.uk"])
    func plausibleMailboxNamesAreAccepted(_ name: String) {
        #expect(AccountName.refusal(name) == nil)
    }

    /// The ASCII byte check never accepts a name the `Character` rules refuse, and accepts the
    /// plain ones they accept: random names over an alphabet of the characters that matter.
    @Test func theByteCheckAgreesWithTheCharacterRules() {
        let alphabet = Array("ab1Z.@-_+'#/\\ \t;é".unicodeScalars)
        var state: UInt64 = 42
        var acceptedByBytes = 0
        for _ in 0..<50_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 60) + 1
            var name = ""
            for index in 0..<length {
                let pick = Int((state >> UInt64(index * 4 % 56)) & 0xFF) % alphabet.count
                name.unicodeScalars.append(alphabet[pick])
            }
            var bytes = name
            if bytes.withUTF8(AccountName.isPlainASCIIMailbox) {
                acceptedByBytes += 1
                #expect(AccountName.characterRefusal(name) == nil, "bytes accepted \(name.debugDescription)")
            } else if name.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(AccountName.characterRefusal(name) != nil, "bytes left \(name.debugDescription) to the Character rules, which accept it")
            }
        }
        #expect(acceptedByBytes > 100)
    }

    @Test func intakeDropsRepeatsCountsMissingAndRefusedAndChecksFilesByOneListing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(to: directory.appendingPathComponent("anna@example.com.ics"))
        let intake = AccountIntake(layout: SourceLayout(directory.path), map: try AccountMap(csv: "bob@example.com,bad/name@example.com\n"))
        let names = AccountList.names(in: Data("anna@example.com\ncarl@example.com\n../x\nanna@example.com\nbob@example.com\n".utf8))
        let taken = Array(intake.accounts(names))
        #expect(taken == [AccountIntake.Account(account: "anna@example.com", renamedTo: nil), AccountIntake.Account(account: "carl@example.com", renamedTo: nil)])
        #expect(intake.accepted == 2 && intake.missingCount == 1 && intake.missing.first?.account == "carl@example.com")
        #expect(intake.refusedCount == 2 && intake.refused.map(\.name) == ["../x", "bob@example.com"])
    }

    @Test func listsIgnoreCommentsBlankLinesAndSurroundingSpace() {
        let text = "# exported by carbonio prov -l gaa\r\nanna@example.com\n\n  bob@example.com   # the sales lead\n\t\n#last\ncarol@example.com"
        #expect(AccountList.parse(text) == ["anna@example.com", "bob@example.com", "carol@example.com"])
    }

    @Test func accountsCommandRunsOnceAndItsFailureIsReported() throws {
        #expect(try AccountList.run(command: "printf 'a@example.com\\n# c\\nb@example.com\\n'") == ["a@example.com", "b@example.com"])
        #expect(throws: AccountSourceError.self) { try AccountList.run(command: "echo partial; echo 'no such domain' >&2; exit 3") }
        do {
            _ = try AccountList.run(command: "echo 'no such domain' >&2; exit 3")
        } catch let error as AccountSourceError {
            #expect(error.message.contains("status 3") && error.message.contains("no such domain"))
        }
    }

    @Test func mapReadsHeaderQuotesAndRefusesContradictions() throws {
        let map = try AccountMap(csv: "source_account,target_account\nanna@old.example,anna@new.example\n\"bob@old.example\", \"robert@new.example\"\n# x\n")
        #expect(map.target(for: "anna@old.example") == "anna@new.example")
        #expect(map.target(for: "bob@old.example") == "robert@new.example")
        #expect(map.target(for: "carol@old.example") == "carol@old.example")
        #expect(throws: AccountSourceError.self) { try AccountMap(csv: "a@x.example,b@x.example\na@x.example,c@x.example\n") }
        #expect(throws: AccountSourceError.self) { try AccountMap(csv: "a@x.example\n") }
    }

    @Test func templatesFillPlaceholdersAndListTheirFiles() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("calimport-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["anna_at_example.com.ics", "bob_at_example.org.ics", "notes.txt", ".x_at_y.ics"] {
            try Data("x".utf8).write(to: directory.appendingPathComponent(name))
        }
        let layout = SourceLayout(directory.path + "/{localpart}_at_{domain}.ics")
        #expect(layout.isTemplate)
        #expect(layout.file(for: "anna@example.com").lastPathComponent == "anna_at_example.com.ics")
        #expect(try layout.discoverAccounts() == ["anna@example.com", "bob@example.org"])
        #expect(SourceLayout("/backup/{account}.ics").file(for: "a@b.example").path == "/backup/a@b.example.ics")
        #expect(SourceLayout("/backup").file(for: "a@b.example").path == "/backup/a@b.example.ics")
        #expect(throws: AccountSourceError.self) { try SourceLayout(directory.path + "/{localpart}.ics").discoverAccounts() }
    }

    @Test func planSortsFoundMissingAndRefusedAndValidatesMappedNames() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("calimport-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("x".utf8).write(to: directory.appendingPathComponent("anna@example.com.ics"))
        let map = try AccountMap(csv: "anna@example.com,anna@new.example\nbob@example.com,../bob\n")
        let plan = AccountPlan.make(
            names: ["anna@example.com", "carol@example.com", "bob@example.com", "../../etc/shadow", "anna@example.com"],
            layout: SourceLayout(directory.path), map: map)
        #expect(plan.found.map(\.account) == ["anna@example.com"])
        #expect(plan.found.first?.targetAccount == "anna@new.example")
        #expect(plan.missing.map(\.account) == ["carol@example.com"])
        #expect(plan.refused.map(\.name) == ["bob@example.com", "../../etc/shadow"])
        #expect(plan.renamed == ["anna@example.com": "anna@new.example"])
    }
}

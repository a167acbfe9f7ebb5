import Foundation
import Testing
@testable import TenantGenerator

@Suite("Content line format")
struct ContentLineFormatTests {
    static let generator = TenantGenerator(configuration: .init(accounts: 20))

    @Test(arguments: 0..<20)
    func everyLineIsShortCRLFTerminatedAndWholeUTF8(account: Int) {
        let lines = ContentLines(Self.generator.calendar(forAccountAt: account))
        #expect(lines.allLinesEndInCRLF)
        #expect(lines.physical.allSatisfy { $0.count <= 75 })
        // Every physical line is valid UTF-8 on its own, so no fold split a character.
        #expect(lines.physical.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
        #expect(lines.physical.contains { $0.count == 75 }, "long lines are folded at exactly 75 octets")
    }

    @Test(arguments: 0..<20)
    func beginAndEndAreBalanced(account: Int) {
        let lines = ContentLines(Self.generator.calendar(forAccountAt: account))
        var stack: [String] = []
        var balanced = true
        for line in lines.logical {
            if line.hasPrefix("BEGIN:") { stack.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") { balanced = balanced && stack.popLast() == String(line.dropFirst(4)) }
        }
        #expect(balanced)
        #expect(stack.isEmpty)
        #expect(lines.logical.first == "BEGIN:VCALENDAR")
        #expect(lines.logical.last == "END:VCALENDAR")
    }

    @Test func foldingNeverSplitsMultibyteCharacters() {
        var writer = ContentLineWriter()
        let value = String(repeating: "定例会議ü", count: 40)
        writer.text("SUMMARY", value)
        let lines = ContentLines(Data(writer.bytes))
        #expect(lines.physical.count > 5)
        #expect(lines.physical.allSatisfy { $0.count <= 75 && String(validating: $0, as: UTF8.self) != nil })
        #expect(lines.logical == ["SUMMARY:" + value])
    }

    @Test func textValuesAreEscaped() {
        var writer = ContentLineWriter()
        writer.text("DESCRIPTION", "a,b;c\\d\ne")
        writer.property("ATTENDEE", [.init("CN", "Müller, Jürgen")], "mailto:j@example.com")
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == "DESCRIPTION:a\\,b\\;c\\\\d\\ne\r\nATTENDEE;CN=\"Müller, Jürgen\":mailto:j@example.com\r\n")
    }
}

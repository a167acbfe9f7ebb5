import Foundation
import Testing
@testable import ICalendar
import TestSupport

/// Damaged input: corpus files with seeded random damage (bytes flipped, deleted, or replaced
/// by line ends, folds, separators and quotes; truncation) never crash or hang the reader,
/// fail only with ``ICalendarError``, and stream exactly as they filter in memory.
@Suite struct MutationTests {
    /// xorshift64*: a tiny deterministic generator, so every run damages the same way.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
    }

    static let specials: [UInt8] = Array("\r\n :;,\"=\t".utf8) + [0xC3, 0xFF, 0x00]

    static func damage(_ data: Data, using generator: inout Seeded) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: bytes[index] = specials.randomElement(using: &generator)!
            case 1: bytes.remove(at: index)
            case 2: bytes.insert(specials.randomElement(using: &generator)!, at: index)
            default: bytes[index] ^= UInt8.random(in: 1...255, using: &generator)
            }
        }
        if Int.random(in: 0..<5, using: &generator) == 0 { bytes.removeLast(Int.random(in: 0...bytes.count / 2, using: &generator)) }
        return Data(bytes)
    }

    @Test(.enabled(if: RealWorldCorpus.isEnabled))
    func damagedFilesFailCleanlyAndStreamLikeInMemory() throws {
        var generator = Seeded(state: 20_261_122)
        let window = Fixtures.window("20100101T000000Z", "20300101T000000Z")
        var parsed = 0
        for file in try CorpusTests.files {
            let original = try Data(contentsOf: file)
            guard original.count < 64 * 1024 else { continue }  // the large ones add time, not cases
            for _ in 0..<4 {
                let data = Self.damage(original, using: &generator)
                let url = try StreamingFilterTests.temporaryFile(data)
                defer { try? FileManager.default.removeItem(at: url) }
                let filter = CalendarFilter(window: window)
                do {
                    let expected = try filter.filter(data)
                    let (bytes, counts, _) = try StreamingFilterTests.stream(url, filter)
                    #expect(bytes == expected.serialized(), "\(file.lastPathComponent)")
                    #expect(counts == expected.counts, "\(file.lastPathComponent)")
                    _ = try CalendarInspection.inspect(data)
                    parsed += 1
                } catch let error as ICalendarError {
                    #expect(!error.message.isEmpty)
                    #expect(throws: ICalendarError.self) { try StreamingFilterTests.stream(url, filter) }
                }
            }
        }
        #expect(parsed > 1000)
    }
}

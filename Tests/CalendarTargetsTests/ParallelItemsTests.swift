@testable import CalendarTargets
import Foundation
import Testing

/// `parallel=N` means N requests in flight whatever the core count: the bodies of one call must
/// all be running at once even when there are more of them than cores.
@Suite struct ParallelItemsTests {
    /// Counts bodies in flight; each body waits (on a condition, up to 10 s) until `width` of them
    /// are in flight at once, so the maximum seen is `width` only if they really overlap.
    final class Gate: @unchecked Sendable {
        private let condition = NSCondition()
        private var inFlight = 0
        private(set) var maximum = 0

        func pass(waitingFor width: Int) {
            condition.lock()
            inFlight += 1
            maximum = max(maximum, inFlight)
            condition.broadcast()
            let deadline = Date().addingTimeInterval(10)
            while maximum < width, condition.wait(until: deadline) {}
            inFlight -= 1
            condition.unlock()
        }
    }

    @Test(arguments: [4, 8])
    func widthBodiesRunAtOnceWhateverTheCoreCount(width: Int) throws {
        let gate = Gate()
        let done = try ParallelItems.forEach(width * 3, width: width, cancellation: .never) { _ in gate.pass(waitingFor: width) }
        #expect(done)
        #expect(gate.maximum == width, "\(gate.maximum) bodies in flight at most, on \(ProcessInfo.processInfo.activeProcessorCount) cores")
    }

    @Test func theFirstErrorStopsNewBodiesAndIsRethrown() {
        struct Refused: Error {}
        final class Runs: @unchecked Sendable {
            private let lock = NSLock()
            private var value = 0
            func add() { lock.withLock { value += 1 } }
            var count: Int { lock.withLock { value } }
        }
        let runs = Runs()
        #expect(throws: Refused.self) {
            try ParallelItems.forEach(1000, width: 4, cancellation: .never) { index in
                runs.add()
                if index == 0 { throw Refused() }
                Thread.sleep(forTimeInterval: 0.01)  // a body that takes time, as a PUT does; not a wait for a condition
            }
        }
        #expect(runs.count < 100, "\(runs.count) bodies ran after the first one failed")
    }
}

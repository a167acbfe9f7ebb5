import CalendarTargets
import Foundation
import HTTPTransport
import TestSupport
import Testing

/// The per-host throttle: the in-flight cap holds across threads, halves on overload (said, timed
/// out, or latency degrading after the warm-up) and grows back.
@Suite struct HostThrottleTests {
    @Test func neverMoreInFlightThanTheLimit() {
        let throttle = HostThrottle(configuration: .init(maxInFlight: 3))
        let counter = Counter()
        let group = DispatchGroup()
        for _ in 0..<12 {
            group.enter()
            Thread.detachNewThread {
                for _ in 0..<20 {
                    throttle.acquire()
                    counter.enter()
                    usleep(500)
                    counter.leave()
                    throttle.release(.answered(latency: 0.001))
                }
                group.leave()
            }
        }
        group.wait()
        #expect(counter.peak == 3)
    }

    @Test func overloadHalvesTheLimitOncePerSecondAndSuccessGrowsItBack() {
        let throttle = HostThrottle(configuration: .init(maxInFlight: 16))
        throttle.acquire()
        throttle.release(.overloaded)
        #expect(throttle.currentLimit == 8)
        throttle.acquire()
        throttle.release(.overloaded)
        #expect(throttle.currentLimit == 8)  // one decrease per second, not one per answer
        for _ in 0..<40 {
            throttle.acquire()
            throttle.release(.answered(latency: 0.001))
        }
        #expect(throttle.currentLimit > 8)
        #expect(throttle.currentLimit <= 16)
    }

    @Test func risingLatencyShrinksTheLimit() {
        let throttle = HostThrottle(configuration: .init(maxInFlight: 8))
        for _ in 0..<50 {
            throttle.acquire()
            throttle.release(.answered(latency: 0.01))
        }
        #expect(throttle.currentLimit == 8)
        for _ in 0..<3 {
            throttle.acquire()
            throttle.release(.answered(latency: 0.5))
        }
        #expect(throttle.currentLimit == 4)
    }

    /// A busy node (here CPU-bound, 2 cores) answers the first requests of a run at once — it
    /// is idle when they arrive — and the rest of the first round only after they have queued
    /// behind each other: 70 ms, then 600 ms with 32 in flight. That is the latency it has at
    /// the concurrency the operator chose. The throttle took the very first answer as its
    /// long-run baseline and halved the cap on the first round (in an e2e benchmark run, the
    /// 1 × 32 process's cap fell to 16 and took 20 seconds to grow back); only a degradation
    /// after the warm-up counts.
    @Test func theRampOfTheFirstRoundIsTheBaselineNotAnAlarm() {
        let throttle = HostThrottle(configuration: .init(maxInFlight: 32))
        for index in 0..<32 {
            throttle.acquire()
            throttle.release(.answered(latency: index < 4 ? 0.07 : 0.6))
        }
        for index in 0..<200 {
            throttle.acquire()
            throttle.release(.answered(latency: index % 2 == 0 ? 0.5 : 0.7))
        }
        #expect(throttle.currentLimit == 32)
        // Once it has settled, the same node degrading (its latency going from 0.6 s to 3 s) still halves the cap.
        for _ in 0..<4 {
            throttle.acquire()
            throttle.release(.answered(latency: 3))
        }
        #expect(throttle.currentLimit == 16)
    }

    /// A request that gets no answer within its timeout is the plainest sign of an overloaded
    /// node; it used to leave the cap where it was.
    @Test func aTimeoutHalvesTheLimit() throws {
        let sandbox = try SandboxHarness(latencyMilliseconds: 2000)
        let throttle = HostThrottle(configuration: .init(maxInFlight: 8))
        let sender = RequestSender(httpClient: HTTPClient(), throttle: throttle)
        let request = HTTPRequest(method: "POST", url: sandbox.url + "/service/home/anna@example.com/Calendar?fmt=ics&auth=ba",
                                  body: Data(Fixture.text().utf8), timeout: 0.3)
        #expect(throws: CalendarTargetError.self) { try sender.send(request, account: "anna@example.com", action: "REST import") }
        #expect(throttle.currentLimit <= 4)
    }

    @Test func aRateSpacesRequestStarts() {
        let throttle = HostThrottle(configuration: .init(maxInFlight: 8, rate: 50))
        let start = Date()
        for _ in 0..<11 {
            throttle.acquire()
            throttle.release(.answered(latency: 0.001))
        }
        #expect(Date().timeIntervalSince(start) >= 0.19)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
    func leave() { lock.withLock { current -= 1 } }
}

import CalendarTargets
import Foundation
import TestSupport
import Testing

/// The per-host throttle: the in-flight cap holds across threads, halves on overload and grows back.
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

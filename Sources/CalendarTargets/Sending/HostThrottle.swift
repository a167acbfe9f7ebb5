import CoreMetrics
import Foundation

/// How hard calimport may push one calendar host, shared by every slot of a process: at most
/// `limit` requests in flight (and, optionally, at most `rate` started per second). The limit
/// adapts by additive increase, multiplicative decrease: it halves (at most once per second) when
/// the host says it is overloaded (429, 503, 504, or no answer within the request's timeout) or
/// when its latency degrades — the recent average (a fast moving average) climbs to twice the
/// long-run one — and grows back by about one request per round of successful requests, never
/// above the configured maximum.
///
/// The long-run latency is the host's latency *at our own concurrency*: a busy node answers the
/// first requests of a run at once and the rest of the first round slower and slower as they
/// queue behind each other, which is the price of the concurrency the operator chose, not a sign
/// of trouble. So the latency check is armed only after a warm-up of two full rounds of answers
/// (``warmUpAnswers``), and the long-run average then starts from the latency of the last few.
public final class HostThrottle: @unchecked Sendable {
    /// Settings of a throttle.
    public struct Configuration: Sendable, Equatable {
        /// Requests in flight at most (the ceiling the adaptive limit grows back to). Default 8.
        public var maxInFlight: Int = 8
        /// Requests started per second at most; nil = no rate limit. Default nil.
        public var rate: Double?
        public init(maxInFlight: Int = 8, rate: Double? = nil) {
            self.maxInFlight = maxInFlight
            self.rate = rate
        }
    }

    /// What became of one request, for the adaptive limit.
    public enum Signal: Sendable {
        /// Answered normally in this many seconds.
        case answered(latency: Double)
        /// The host is overloaded: it said so (429, 503, 504) or did not answer in time.
        case overloaded
        /// No answer or a failure that says nothing about load.
        case failed
    }

    private let condition = NSCondition()
    private let configuration: Configuration
    /// The host it guards (`HOST:PORT`), the `target_host` of its metrics.
    public let host: String
    private let inFlightGauge: Gauge
    private let limitGauge: Gauge
    private var limit: Double
    private var inFlight = 0
    private var nextStart = Date.distantPast
    private var lastDecrease = Date.distantPast
    private var slowLatency: Double?
    private var fastLatency: Double?
    private var answers = 0

    /// Answers seen before latency may shrink the limit: two rounds at the configured maximum
    /// in flight, at least 16.
    public var warmUpAnswers: Int { max(16, 2 * configuration.maxInFlight) }

    /// A throttle for `host`, publishing `calimport_target_in_flight{target_host}` and
    /// `calimport_target_in_flight_limit{target_host}` (the adaptive cap).
    public init(configuration: Configuration, host: String = "") {
        self.configuration = configuration
        self.host = host
        limit = Double(max(1, configuration.maxInFlight))
        inFlightGauge = Gauge(label: "calimport_target_in_flight", dimensions: [("target_host", host)])
        limitGauge = Gauge(label: "calimport_target_in_flight_limit", dimensions: [("target_host", host)])
        limitGauge.record(limit)
    }

    /// The current in-flight limit.
    public var currentLimit: Int { condition.withLock { Int(limit) } }

    /// Blocks until a request may start; pair with ``release(_:)``.
    public func acquire() {
        condition.lock()
        while inFlight >= Int(limit) { condition.wait() }
        inFlight += 1
        inFlightGauge.record(inFlight)
        var delay = 0.0
        if let rate = configuration.rate, rate > 0 {
            let now = Date()
            let start = max(now, nextStart)
            nextStart = start.addingTimeInterval(1 / rate)
            delay = start.timeIntervalSince(now)
        }
        condition.unlock()
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    }

    /// Ends a request started with ``acquire()`` and adapts the limit.
    public func release(_ signal: Signal) {
        condition.lock()
        inFlight -= 1
        switch signal {
        case .answered(let latency):
            if latencyRising(latency) { decrease() } else { limit = min(Double(configuration.maxInFlight), limit + 1 / limit) }
        case .overloaded:
            decrease()
        case .failed:
            break
        }
        inFlightGauge.record(inFlight)
        limitGauge.record(limit)
        condition.broadcast()
        condition.unlock()
    }

    private func latencyRising(_ latency: Double) -> Bool {
        let fast = fastLatency.map { $0 * 0.7 + latency * 0.3 } ?? latency
        fastLatency = fast
        answers += 1
        guard answers > warmUpAnswers else {
            // Still ramping up to our own concurrency: the long-run average is what the host
            // answers once that is reached, the recent latency when the warm-up ends.
            slowLatency = fast
            return false
        }
        let slow = (slowLatency ?? fast) * 0.95 + latency * 0.05
        slowLatency = slow
        return fast > 2 * slow && fast > 0.05
    }

    private func decrease() {
        let now = Date()
        guard now.timeIntervalSince(lastDecrease) >= 1 else { return }
        lastDecrease = now
        limit = max(1, (limit / 2).rounded(.down))
    }
}

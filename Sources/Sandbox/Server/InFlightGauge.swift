import Foundation

/// Protocol requests being answered at once, per HTTP method (`GET /_sandbox/inflight`): how
/// many arrived, the most in flight at any moment, and the time-weighted mean while at least
/// one was in flight. A request is in flight from its arrival to its answer, latency included.
/// Benchmarks read it to see how many requests a client really keeps going.
public final class InFlightGauge: @unchecked Sendable {
    /// The figures of one method.
    public struct Reading: Codable, Sendable, Equatable {
        /// Requests that arrived.
        public var requests = 0
        /// The most in flight at once.
        public var max = 0
        /// The mean in flight over the time at least one was.
        public var mean = 0.0
        /// Seconds during which at least one was in flight.
        public var busySeconds = 0.0
    }

    private struct Track {
        var current = 0, max = 0, requests = 0
        /// Integral of `current` over time, and the time `current` was above zero (seconds).
        var area = 0.0, busy = 0.0
        var since = Date()

        mutating func advance(to now: Date) {
            let elapsed = now.timeIntervalSince(since)
            if current > 0 {
                area += elapsed * Double(current)
                busy += elapsed
            }
            since = now
        }
    }

    private let lock = NSLock()
    private var tracks: [String: Track] = [:]

    public init() {}

    /// A request of `method` arrived.
    public func begin(_ method: String) {
        lock.withLock {
            var track = tracks[method] ?? Track()
            track.advance(to: Date())
            track.current += 1
            track.requests += 1
            track.max = Swift.max(track.max, track.current)
            tracks[method] = track
        }
    }

    /// A request of `method` was answered.
    public func end(_ method: String) {
        lock.withLock {
            guard var track = tracks[method] else { return }
            track.advance(to: Date())
            track.current -= 1
            tracks[method] = track
        }
    }

    /// The figures so far, per method.
    public func snapshot() -> [String: Reading] {
        lock.withLock {
            let now = Date()
            return tracks.mapValues { track in
                var track = track
                track.advance(to: now)
                return Reading(requests: track.requests, max: track.max, mean: track.busy > 0 ? track.area / track.busy : 0,
                        busySeconds: track.busy)
            }
        }
    }
}

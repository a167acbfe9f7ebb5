import CoreMetrics
import Foundation
import HTTPTransport
import Logging
import Telemetry
import TestSupport
import Testing

struct MetricsEndpointTests {
    @Test func servesCountersAndHistogramsInPrometheusFormat() async throws {
        let endpoint = MetricsEndpoint.bootstrap()
        Counter(label: "calimport_test_jobs_total", dimensions: [("class", "transient")]).increment(by: 3)
        Timer(label: "calimport_test_push_duration_seconds", dimensions: [("target_host", "127.0.0.1")])
            .recordMilliseconds(40)
        let port = try FreePort.find()
        try await endpoint.start(address: "127.0.0.1:\(port)", logger: Logger(label: "test"))
        let metrics = try await Self.get("http://127.0.0.1:\(port)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(text.contains(#"calimport_test_jobs_total{class="transient"} 3"#))
        #expect(text.contains("calimport_test_push_duration_seconds_bucket"))
        #expect(try await Self.get("http://127.0.0.1:\(port)/healthz").status == 200)
    }

    @Test func badAddressIsRefused() async {
        await #expect(throws: TelemetryError.self) {
            try await MetricsEndpoint.bootstrap().start(address: "nowhere", logger: Logger(label: "test"))
        }
    }

    /// A GET through libcurl on a Dispatch thread, so no thread of the cooperative pool blocks.
    /// The endpoint's handlers run on that pool (2 threads on this machine), which other
    /// suites' minutes-long synchronous tests can hold: the answer may wait minutes for a
    /// thread, not for the endpoint (20 s timed out in CI).
    static func get(_ url: String) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try HTTPClient().perform(HTTPRequest(method: "GET", url: url, timeout: 900)) })
            }
        }
    }
}

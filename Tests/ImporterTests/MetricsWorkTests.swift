import Foundation
import HTTPTransport
import TestSupport
import Testing

/// `work --metrics-listen` serves the worker's series while it works a real batch into Radicale.
@Suite(.enabled(if: TestDatabase.isEnabled && RadicaleServer.isEnabled))
struct MetricsWorkTests {
    @Test func metricsShowClaimsOutcomesQueueDepthAndTargetLatency() throws {
        let server = try RadicaleServer.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 3, events: 3...5)
            try tenant.createPrincipals(on: server, except: [tenant.accounts[2]])
            let cli = tenant.runner(databaseURL: databaseURL)
            #expect(try cli.run(["submit", "--batch", "m", "--source", tenant.directory.path, "--target", "caldav+\(server)/{account}/calendar/"]).status == 0)
            #expect(try cli.run(["pause", "--batch", "m"]).status == 0)
            let port = try FreePort.find()
            let worker = try cli.start(["work", "--metrics-listen", "127.0.0.1:\(port)", "--heartbeat", "0.5", "--lease", "10", "--concurrency", "2"])
            let client = HTTPClient()
            func metrics() -> String {
                let response = try? client.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/metrics", timeout: 5))
                return response.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            }
            // Paused: the heartbeat publishes the waiting jobs.
            #expect(eventually(timeout: 60) { metrics().contains(#"calimport_queue_depth{batch="m",state="pending"} 3"#) })
            #expect(try cli.run(["resume", "--batch", "m"]).status == 0)
            #expect(eventually(timeout: 120) {
                let text = metrics()
                return text.contains("calimport_jobs_succeeded_total 2") && text.contains(#"calimport_jobs_failed_total{class="permanent"} 1"#)
            })
            let text = metrics()
            for series in [
                "calimport_jobs_claimed_total 3", "calimport_job_retries_total 0", "calimport_lease_rescues_total 0",
                "calimport_events_pushed_total", "calimport_push_duration_seconds_bucket",
                "calimport_target_in_flight{", "calimport_target_in_flight_limit{",
            ] {
                #expect(text.contains(series), "missing \(series)")
            }
            #expect(eventually(timeout: 30) { metrics().contains(#"calimport_queue_depth{batch="m",state="pending"} 0"#) })
            worker.signal(SIGTERM)
            #expect(try worker.wait(timeout: 60).status == 0)
        }
    }
}

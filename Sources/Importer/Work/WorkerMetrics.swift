import CoreMetrics
import JobQueue

/// The worker pool's metrics, through swift-metrics (served by `work --metrics-listen`):
///
/// - `calimport_jobs_claimed_total`, `calimport_jobs_succeeded_total`,
///   `calimport_jobs_failed_total{class}` (transient or permanent),
///   `calimport_job_retries_total` (transient failures, which go back to the queue while
///   attempts remain), `calimport_lease_rescues_total`;
/// - `calimport_events_pushed_total`: components the targets accepted;
/// - `calimport_queue_depth{batch, state}`: pending and running jobs per batch.
enum WorkerMetrics {
    /// Creates every series at zero, so a scrape shows them before the first job.
    static func register() {
        claimed(0)
        rescued(0)
        Counter(label: "calimport_jobs_succeeded_total").increment(by: 0)
        Counter(label: "calimport_events_pushed_total").increment(by: 0)
        Counter(label: "calimport_job_retries_total").increment(by: 0)
        for failureClass in FailureClass.allCases {
            Counter(label: "calimport_jobs_failed_total", dimensions: [("class", failureClass.rawValue)]).increment(by: 0)
        }
    }

    static func claimed(_ count: Int) {
        Counter(label: "calimport_jobs_claimed_total").increment(by: count)
    }

    static func finished(_ outcome: JobOutcome) {
        switch outcome.result {
        case .succeeded:
            Counter(label: "calimport_jobs_succeeded_total").increment()
            Counter(label: "calimport_events_pushed_total").increment(by: outcome.counters.imported)
        case let .failed(failure, _):
            Counter(label: "calimport_jobs_failed_total", dimensions: [("class", failure.failureClass.rawValue)]).increment()
            if failure.failureClass == .transient {
                Counter(label: "calimport_job_retries_total").increment()
            }
        }
    }

    static func rescued(_ count: Int) {
        Counter(label: "calimport_lease_rescues_total").increment(by: count)
    }

    static func queueDepth(batch: String, state: String, jobs: Int) {
        Gauge(label: "calimport_queue_depth", dimensions: [("batch", batch), ("state", state)]).record(jobs)
    }
}

import Foundation
import Postgres

extension JobQueue {
    /// Adds the worker process to the registry (or refreshes its row).
    public func register(_ worker: WorkerRegistration) throws {
        try connection.query("""
            INSERT INTO workers (id, host, pid, slots, version, lease_duration, heartbeat_interval)
            VALUES ($1, $2, $3::int, $4::int, $5, $6::float8, $7::float8)
            ON CONFLICT (id) DO UPDATE
            SET host = EXCLUDED.host, pid = EXCLUDED.pid, slots = EXCLUDED.slots, version = EXCLUDED.version,
                lease_duration = EXCLUDED.lease_duration, heartbeat_interval = EXCLUDED.heartbeat_interval,
                last_heartbeat = now(), stopped_at = NULL, stopping_since = NULL
            """, [worker.id, worker.host, worker.pid, worker.slots, worker.version,
                  worker.leaseDuration.seconds, worker.heartbeatInterval.seconds])
    }

    /// Marks the worker process as stopping: it claims nothing more and finishes its jobs.
    public func markStopping(workerID: String) throws {
        try connection.query("UPDATE workers SET stopping_since = now() WHERE id = $1", [workerID])
    }

    /// Marks the worker process stopped.
    public func deregister(workerID: String) throws {
        try connection.query("UPDATE workers SET stopped_at = now() WHERE id = $1", [workerID])
    }

    /// The registered worker processes that have not stopped (live and dead), oldest first;
    /// with `includeStopped`, those that stopped cleanly too.
    public func workers(includeStopped: Bool = false) throws -> [WorkerInfo] {
        try connection.query("""
            SELECT w.id, w.host, w.pid, w.slots, w.version,
                   w.started_at, w.last_heartbeat, w.stopped_at, w.stopping_since,
                   extract(epoch from now() - w.last_heartbeat)::float8 AS silent_for,
                   (w.stopped_at IS NULL AND now() - w.last_heartbeat
                        > greatest(w.lease_duration, 3 * w.heartbeat_interval) * interval '1 second') AS dead,
                   (SELECT count(*) FROM jobs j WHERE j.worker_id = w.id AND j.state = 'running') AS running
            FROM workers w
            WHERE w.stopped_at IS NULL OR $1::boolean
            ORDER BY w.started_at, w.id
            """, [includeStopped])
        .map { row in
            WorkerInfo(
                id: try row.string("id"), host: try row.string("host"), pid: try row.int("pid"),
                slots: try row.int("slots"), version: try row.string("version"), running: try row.int("running"),
                startedAt: try row.date("started_at"), lastHeartbeat: try row.date("last_heartbeat"),
                silentFor: try row.double("silent_for"), stoppingSince: try row.optionalDate("stopping_since"),
                stoppedAt: try row.optionalDate("stopped_at"),
                dead: try row.bool("dead"))
        }
    }
}

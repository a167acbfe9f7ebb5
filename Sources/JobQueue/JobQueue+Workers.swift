import Foundation
import Postgres

extension JobQueue {
    /// Adds the worker process to the registry (or refreshes its row).
    public func register(_ worker: WorkerRegistration) throws {
        try connection.query("""
            INSERT INTO workers (id, host, pid, slots, version)
            VALUES ($1, $2, $3::int, $4::int, $5)
            ON CONFLICT (id) DO UPDATE
            SET host = EXCLUDED.host, pid = EXCLUDED.pid, slots = EXCLUDED.slots, version = EXCLUDED.version,
                last_heartbeat = now(), stopped_at = NULL
            """, [worker.id, worker.host, String(worker.pid), String(worker.slots), worker.version])
    }

    /// Marks the worker process stopped.
    public func deregister(workerID: String) throws {
        try connection.query("UPDATE workers SET stopped_at = now() WHERE id = $1", [workerID])
    }
}

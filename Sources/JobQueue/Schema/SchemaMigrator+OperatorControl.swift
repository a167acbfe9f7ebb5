extension SchemaMigrator {
    /// Migration 2: operator control and the worker registry's fields.
    ///
    /// - `jobs.cancel_requested`: set by `cancel` on a running job; the worker sees it at its
    ///   next heartbeat and the job ends `cancelled` when its outcome, release or rescue is
    ///   recorded. Not indexed, so setting it stays a HOT update.
    /// - `jobs.attempt_floor`: attempts used before the last operator `retry`. The attempt
    ///   budget is `attempt - attempt_floor < max_attempts`, so a retried job gets a fresh budget
    ///   while `attempt` keeps counting up and the history in `job_attempts` stays unique.
    /// - `workers.lease_duration`, `workers.heartbeat_interval`: what the process promised, so
    ///   `workers` can tell a dead process (no heartbeat for longer than its lease) from a live one.
    /// - `workers.stopping_since`: when the process stopped claiming after a SIGTERM/SIGINT.
    static let operatorControl = """
        ALTER TABLE jobs ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
        ALTER TABLE jobs ADD COLUMN attempt_floor int NOT NULL DEFAULT 0;
        ALTER TABLE workers ADD COLUMN lease_duration float8 NOT NULL DEFAULT 60;
        ALTER TABLE workers ADD COLUMN heartbeat_interval float8 NOT NULL DEFAULT 10;
        ALTER TABLE workers ADD COLUMN stopping_since timestamptz;
        ALTER TABLE job_attempts SET (autovacuum_vacuum_scale_factor = 0.05);
        ALTER TABLE item_errors SET (autovacuum_vacuum_scale_factor = 0.05);
        ALTER TABLE workers SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 100);
        """
}

extension SchemaMigrator {
    /// Migration 1. `jobs` is the hot claim table: narrow, fillfactor 70 so that heartbeats
    /// (which change only `lease_until`, indexed nowhere) stay HOT updates, and aggressive
    /// autovacuum. Counters, attempt history and per-event errors live in their own tables.
    static let initialSchema = """
        CREATE TABLE batches (
            id bigserial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            source text NOT NULL,
            target text NOT NULL,
            window_from timestamptz,
            window_to timestamptz,
            mode text NOT NULL DEFAULT 'merge',
            max_attempts int NOT NULL DEFAULT 8,
            paused boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE jobs (
            id bigserial PRIMARY KEY,
            batch_id bigint NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
            account text NOT NULL,
            state text NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
            priority smallint NOT NULL DEFAULT 0,
            attempt int NOT NULL DEFAULT 0,
            run_after timestamptz NOT NULL DEFAULT now(),
            lease_id uuid,
            lease_until timestamptz,
            worker_id text,
            UNIQUE (batch_id, account)
        ) WITH (fillfactor = 70,
                autovacuum_vacuum_scale_factor = 0.02,
                autovacuum_analyze_scale_factor = 0.02,
                autovacuum_vacuum_cost_delay = 0);
        CREATE INDEX jobs_pending_idx ON jobs (priority, id) WHERE state = 'pending';
        CREATE INDEX jobs_running_idx ON jobs (worker_id) WHERE state = 'running';
        CREATE INDEX jobs_batch_state_idx ON jobs (batch_id, state);

        CREATE TABLE job_results (
            job_id bigint PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
            components_in_file int NOT NULL DEFAULT 0,
            components_kept int NOT NULL DEFAULT 0,
            imported int NOT NULL DEFAULT 0,
            skipped int NOT NULL DEFAULT 0,
            failed int NOT NULL DEFAULT 0,
            bytes bigint NOT NULL DEFAULT 0,
            duration_ms bigint NOT NULL DEFAULT 0,
            error_class text,
            error_code text,
            http_status int,
            message text,
            updated_at timestamptz NOT NULL DEFAULT now()
        ) WITH (autovacuum_vacuum_scale_factor = 0.05);

        CREATE TABLE job_attempts (
            job_id bigint NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            attempt int NOT NULL,
            worker_id text,
            started_at timestamptz,
            finished_at timestamptz NOT NULL DEFAULT now(),
            outcome text NOT NULL,
            error_class text,
            error_code text,
            http_status int,
            message text,
            PRIMARY KEY (job_id, attempt)
        );

        CREATE TABLE item_errors (
            job_id bigint NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            uid text,
            recurrence_id text,
            reason text NOT NULL
        );
        CREATE INDEX item_errors_job_idx ON item_errors (job_id);

        CREATE TABLE workers (
            id text PRIMARY KEY,
            host text NOT NULL,
            pid int NOT NULL,
            slots int NOT NULL,
            version text NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now(),
            last_heartbeat timestamptz NOT NULL DEFAULT now(),
            stopped_at timestamptz
        );
        """
}

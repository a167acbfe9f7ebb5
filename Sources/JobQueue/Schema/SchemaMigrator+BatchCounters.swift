extension SchemaMigrator {
    /// Migration 6: per-batch counters, so that `status` reads a few rows instead of counting
    /// a million jobs. (Version 5 belongs to the per-job progress columns; versions may land
    /// out of order.)
    ///
    /// `batch_counters` holds, per batch, the number of accounts in each account state
    /// (`pending`, `running`, `succeeded`, `partial`, `failed`, `cancelled`: `partial` is a
    /// succeeded job whose result has refused components) and the events imported
    /// (`events_imported`, the sum of `job_results.imported`). A value is the sum of its
    /// shards: each backend adds to the shard `pg_backend_pid() % 64`, so that concurrent
    /// claims and records of one batch do not queue on one row.
    ///
    /// The counters are kept by statement-level triggers with transition tables, in the very
    /// statement (and so the transaction) that inserts, updates or deletes jobs or results:
    /// submit, claim, record, release, lease rescue, retry, cancel, prune, and any SQL an
    /// operator runs. They cannot drift from `count(*)`: no statement can change a job's state
    /// without its trigger. An update that changes no state (a heartbeat) nets to nothing and
    /// writes no counter. A job's `partial`-ness is read from `job_results` at the end of the
    /// statement: results change only in the statements that move a job out of `running`, so
    /// a succeeded job's partial-ness does not change while it stays succeeded. Deleting jobs
    /// (prune deletes the batch too) subtracts them; their counters go with their batch.
    ///
    /// The indexes serve `status`'s lists without reading every job: the first failed jobs of
    /// a batch in id order (`jobs_batch_state_id_idx`, replacing `(batch_id, state)`: the
    /// same writes), the results with refused components (`job_results_refused_idx`) and the
    /// results recorded in the last minute (`job_results_updated_idx`, for the pace).
    static let batchCounters = """
        CREATE TABLE batch_counters (
            batch_id bigint NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
            counter text NOT NULL,
            shard int NOT NULL,
            value bigint NOT NULL,
            PRIMARY KEY (batch_id, counter, shard)
        ) WITH (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                autovacuum_vacuum_cost_delay = 0);

        CREATE FUNCTION calimport_account_state(job_id bigint, state text) RETURNS text
        LANGUAGE sql STABLE AS $$
            SELECT CASE WHEN state = 'succeeded'
                         AND EXISTS (SELECT 1 FROM job_results r WHERE r.job_id = $1 AND r.failed > 0)
                        THEN 'partial' ELSE state END
        $$;

        CREATE FUNCTION calimport_count_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO batch_counters AS c (batch_id, counter, shard, value)
                SELECT batch_id, state, pg_backend_pid() % 64, count(*) FROM new_rows
                GROUP BY 1, 2 ORDER BY 1, 2
                ON CONFLICT (batch_id, counter, shard) DO UPDATE SET value = c.value + EXCLUDED.value;
            ELSIF TG_OP = 'UPDATE' THEN
                INSERT INTO batch_counters AS c (batch_id, counter, shard, value)
                SELECT d.batch_id, d.state, pg_backend_pid() % 64, sum(d.n) FROM (
                    SELECT batch_id, calimport_account_state(id, state) AS state, -1 AS n FROM old_rows
                    UNION ALL
                    SELECT batch_id, calimport_account_state(id, state), 1 FROM new_rows
                ) d
                GROUP BY 1, 2 HAVING sum(d.n) <> 0 ORDER BY 1, 2
                ON CONFLICT (batch_id, counter, shard) DO UPDATE SET value = c.value + EXCLUDED.value;
            ELSE
                INSERT INTO batch_counters AS c (batch_id, counter, shard, value)
                SELECT o.batch_id, o.state, pg_backend_pid() % 64, -count(*) FROM old_rows o
                WHERE EXISTS (SELECT 1 FROM batches b WHERE b.id = o.batch_id)
                GROUP BY 1, 2 ORDER BY 1, 2
                ON CONFLICT (batch_id, counter, shard) DO UPDATE SET value = c.value + EXCLUDED.value;
            END IF;
            RETURN NULL;
        END
        $$;

        CREATE FUNCTION calimport_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO batch_counters AS c (batch_id, counter, shard, value)
                SELECT j.batch_id, 'events_imported', pg_backend_pid() % 64, sum(n.imported)
                FROM new_rows n JOIN jobs j ON j.id = n.job_id
                GROUP BY 1 HAVING sum(n.imported) <> 0 ORDER BY 1
                ON CONFLICT (batch_id, counter, shard) DO UPDATE SET value = c.value + EXCLUDED.value;
            ELSIF TG_OP = 'UPDATE' THEN
                INSERT INTO batch_counters AS c (batch_id, counter, shard, value)
                SELECT j.batch_id, 'events_imported', pg_backend_pid() % 64, sum(d.n) FROM (
                    SELECT job_id, -imported::bigint AS n FROM old_rows
                    UNION ALL
                    SELECT job_id, imported FROM new_rows
                ) d JOIN jobs j ON j.id = d.job_id
                GROUP BY 1 HAVING sum(d.n) <> 0 ORDER BY 1
                ON CONFLICT (batch_id, counter, shard) DO UPDATE SET value = c.value + EXCLUDED.value;
            ELSE
                INSERT INTO batch_counters AS c (batch_id, counter, shard, value)
                SELECT j.batch_id, 'events_imported', pg_backend_pid() % 64, -sum(o.imported)
                FROM old_rows o JOIN jobs j ON j.id = o.job_id
                GROUP BY 1 HAVING sum(o.imported) <> 0 ORDER BY 1
                ON CONFLICT (batch_id, counter, shard) DO UPDATE SET value = c.value + EXCLUDED.value;
            END IF;
            RETURN NULL;
        END
        $$;

        CREATE TRIGGER jobs_counted_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION calimport_count_jobs();
        CREATE TRIGGER jobs_counted_update AFTER UPDATE ON jobs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION calimport_count_jobs();
        CREATE TRIGGER jobs_counted_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION calimport_count_jobs();

        CREATE TRIGGER job_results_counted_insert AFTER INSERT ON job_results REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION calimport_count_events();
        CREATE TRIGGER job_results_counted_update AFTER UPDATE ON job_results REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION calimport_count_events();
        CREATE TRIGGER job_results_counted_delete AFTER DELETE ON job_results REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION calimport_count_events();

        INSERT INTO batch_counters (batch_id, counter, shard, value)
        SELECT j.batch_id, calimport_account_state(j.id, j.state), 0, count(*) FROM jobs j GROUP BY 1, 2;
        INSERT INTO batch_counters (batch_id, counter, shard, value)
        SELECT j.batch_id, 'events_imported', 0, sum(r.imported) FROM jobs j JOIN job_results r ON r.job_id = j.id
        GROUP BY 1 HAVING sum(r.imported) <> 0;

        CREATE INDEX jobs_batch_state_id_idx ON jobs (batch_id, state, id);
        DROP INDEX jobs_batch_state_idx;
        CREATE INDEX job_results_refused_idx ON job_results (job_id) WHERE failed > 0;
        CREATE INDEX job_results_updated_idx ON job_results (updated_at);
        """
}

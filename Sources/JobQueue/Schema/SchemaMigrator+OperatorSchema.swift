extension SchemaMigrator {
    /// Migration 3, for the operator's views. `jobs.target_account` is the account on the
    /// target when `--map` renames it (NULL: the same name). `jobs.started_at` is when the
    /// current or last attempt was claimed; a trigger sets it whenever a job enters `running`,
    /// so the claim statement stays as it is and heartbeats (which never touch `state`) do
    /// not fire it. Neither column is indexed: claims and heartbeats stay HOT updates.
    static let operatorSchema = """
        ALTER TABLE jobs ADD COLUMN target_account text;
        ALTER TABLE jobs ADD COLUMN started_at timestamptz;

        CREATE FUNCTION calimport_job_started() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.started_at := now();
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER jobs_started BEFORE UPDATE OF state ON jobs
            FOR EACH ROW WHEN (NEW.state = 'running' AND OLD.state IS DISTINCT FROM 'running')
            EXECUTE FUNCTION calimport_job_started();

        CREATE INDEX job_attempts_finished_idx ON job_attempts (finished_at);
        """
}

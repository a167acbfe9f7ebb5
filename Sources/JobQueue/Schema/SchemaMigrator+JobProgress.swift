extension SchemaMigrator {
    /// Migration 5: a running job's live progress, written by its worker's heartbeat (one
    /// statement for all the jobs of a process, see `JobQueue.heartbeat`). A trigger clears it
    /// whenever the job's state changes (claimed, recorded, released, rescued, cancelled), so
    /// the statements that change states stay as they are and only a running job has one: what
    /// a finished attempt did is in `job_results`.
    ///
    /// - `jobs.phase`: `reading`, `filtering`, `pushing` or `verifying` (`ImportProgress.Phase`);
    ///   NULL until the first heartbeat of the attempt.
    /// - `jobs.progress_done`, `jobs.progress_total`: components pushed so far, of how many the
    ///   window kept (NULL until known).
    /// - `jobs.progress_at`: when the worker last saw the phase or the count change.
    ///
    /// Nullable columns without a default: adding them rewrites nothing, and as they are not
    /// indexed the heartbeat's update stays a HOT update.
    ///
    /// Also `job_results.derived_uids`: of an attempt's kept components, those without UID,
    /// imported under derived UIDs (a constant default: adding it rewrites nothing either).
    static let jobProgress = """
        ALTER TABLE jobs ADD COLUMN phase text,
                         ADD COLUMN progress_done int,
                         ADD COLUMN progress_total int,
                         ADD COLUMN progress_at timestamptz;
        ALTER TABLE job_results ADD COLUMN derived_uids int NOT NULL DEFAULT 0;

        CREATE FUNCTION calimport_job_progress_cleared() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.phase := NULL;
            NEW.progress_done := NULL;
            NEW.progress_total := NULL;
            NEW.progress_at := NULL;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER jobs_progress_cleared BEFORE UPDATE OF state ON jobs
            FOR EACH ROW WHEN (NEW.state IS DISTINCT FROM OLD.state)
            EXECUTE FUNCTION calimport_job_progress_cleared();
        """
}

extension SchemaMigrator {
    /// Migration 4, for the lease rescuer: one row saying when expired leases were last
    /// rescued. A rescuer claims the row with `FOR UPDATE SKIP LOCKED` and rescues only when
    /// the last pass is at least an interval old, so that however many worker processes run,
    /// one pass per interval serves the whole database (see `LeaseRescuer`).
    static let queueMaintenance = """
        CREATE TABLE queue_maintenance (
            id int PRIMARY KEY CHECK (id = 1),
            last_rescue timestamptz NOT NULL DEFAULT '-infinity'
        );
        INSERT INTO queue_maintenance (id) VALUES (1);
        """
}

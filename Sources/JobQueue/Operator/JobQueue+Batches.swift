import Foundation
import Postgres

extension JobQueue {
    /// Records the batch (or finds it) and enqueues one job per new account in the order
    /// given (a repeated account is enqueued once); sends one notification. As
    /// ``submit(_:accounts:beforeEnqueue:)``; `targetAccounts` gives the account on the target
    /// of the accounts a map renames.
    public func submit(_ definition: BatchDefinition, accounts: [String], targetAccounts: [String: String] = [:]) throws -> SubmitResult {
        try submit(definition, accounts: accounts.lazy.map { (account: $0, targetAccount: targetAccounts[$0]) })
    }

    /// Records the batch (or finds it) and enqueues one job per account of `accounts` that the
    /// batch does not hold yet, in one transaction: the accounts stream through
    /// `COPY … FROM STDIN` (64 KB at a time: the sequence is read lazily, never held) into a
    /// temporary table, then `INSERT … SELECT … ON CONFLICT DO NOTHING` adds the new ones in
    /// the order given (a repeated account, in the batch or in the sequence, is skipped).
    /// `beforeEnqueue` runs after the sequence is read and before the insert: what it throws
    /// rolls everything back (a submit whose names turned out refused). Sends one
    /// notification. A batch name that exists with another target, window or mode is refused
    /// with ``JobQueueError/Code/batchConflict``. `accountsGiven` counts the sequence's elements.
    public func submit<Accounts: Sequence>(
        _ definition: BatchDefinition, accounts: Accounts, beforeEnqueue: () throws -> Void = {}
    ) throws -> SubmitResult where Accounts.Element == (account: String, targetAccount: String?) {
        try connection.transaction { connection in
            let (batch, created) = try findOrCreateBatch(definition)
            try connection.execute("CREATE TEMP TABLE submit_accounts (account text NOT NULL, target_account text) ON COMMIT DROP")
            let given = try connection.copyIn(
                "COPY submit_accounts (account, target_account) FROM STDIN",
                rows: accounts.lazy.map { [$0.account, $0.targetAccount] as [any PostgresBindable] })
            try beforeEnqueue()
            let added = try connection.query("""
                WITH added AS (
                    INSERT INTO jobs (batch_id, account, target_account)
                    SELECT $1::bigint, account, target_account FROM submit_accounts
                    ON CONFLICT (batch_id, account) DO NOTHING
                    RETURNING 1
                )
                SELECT count(*) AS added FROM added
                """, [batch.id])
            try connection.notify(Self.notificationChannel, payload: definition.name)
            return SubmitResult(batch: batch, batchCreated: created, accountsGiven: given, accountsAdded: try added.first?.int("added") ?? 0)
        }
    }

    private func findOrCreateBatch(_ definition: BatchDefinition) throws -> (Batch, Bool) {
        let inserted = try connection.query("""
            INSERT INTO batches (name, source, target, window_from, window_to, mode, max_attempts)
            VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6, $7::int)
            ON CONFLICT (name) DO NOTHING
            RETURNING id
            """, [
                definition.name, definition.source, definition.target,
                definition.windowFrom, definition.windowTo,
                definition.mode, definition.maxAttempts,
            ])
        if let row = inserted.first {
            return (Batch(id: try row.int("id"), definition: definition, paused: false), true)
        }
        guard let existing = try batch(named: definition.name) else {
            throw JobQueueError(code: .batchNotFound, message: "batch '\(definition.name)' vanished while submitting")
        }
        guard existing.definition.isCompatible(with: definition) else {
            throw JobQueueError(code: .batchConflict, message: Self.conflictMessage(existing.definition, definition))
        }
        return (existing, false)
    }

    static func conflictMessage(_ existing: BatchDefinition, _ requested: BatchDefinition) -> String {
        func window(_ definition: BatchDefinition) -> String {
            let formatter = ISO8601DateFormatter()
            return "[\(definition.windowFrom.map(formatter.string) ?? "0"), \(definition.windowTo.map(formatter.string) ?? "0"))"
        }
        return "batch '\(existing.name)' already exists with target \(existing.target), window \(window(existing)), mode \(existing.mode); "
            + "this submit asks for target \(requested.target), window \(window(requested)), mode \(requested.mode). "
            + "Use another --batch name, or the same target and window."
    }

    /// The batch named `name`, if any.
    public func batch(named name: String) throws -> Batch? {
        try connection.query(Self.batchSelect + " WHERE name = $1", [name]).first.map(Self.decodeBatch)
    }

    /// The batch with database id `id`, if any.
    public func batch(id: Int) throws -> Batch? {
        try connection.query(Self.batchSelect + " WHERE id = $1::bigint", [id]).first.map(Self.decodeBatch)
    }

    /// All batches, oldest first.
    public func batches() throws -> [Batch] {
        try connection.query(Self.batchSelect + " ORDER BY id").map(Self.decodeBatch)
    }

    private static let batchSelect = """
        SELECT id, name, source, target, mode, max_attempts, paused,
               window_from, window_to
        FROM batches
        """

    private static func decodeBatch(_ row: PostgresRow) throws -> Batch {
        let definition = BatchDefinition(
            name: try row.string("name"), source: try row.string("source"), target: try row.string("target"),
            windowFrom: try row.optionalDate("window_from"), windowTo: try row.optionalDate("window_to"),
            mode: try row.string("mode"), maxAttempts: try row.int("max_attempts"))
        return Batch(id: try row.int("id"), definition: definition, paused: try row.bool("paused"))
    }
}

import CLibPQ
import Foundation

/// One libpq connection. Statements on it are serialized by an internal lock, so it may be
/// shared between threads; a ``transaction(_:)`` holds the lock for its whole body.
///
/// A connection that broke (server restart, terminated backend, network loss noticed by TCP
/// keepalives) is re-established by the next statement outside a transaction, which then runs
/// on the new session; the statement that met the break fails with
/// ``PostgresError/Code/connectionFailed``. Session state (LISTEN, settings) does not survive:
/// ``reconnectIfBroken()`` tells a caller that must restore it.
public final class PostgresConnection: @unchecked Sendable {
    let handle: OpaquePointer
    let lock = NSRecursiveLock()
    /// Nesting depth of ``transaction(_:)`` (under `lock`): no reconnect inside one.
    private var transactionDepth = 0
    /// Names of the statements prepared on the current session (under `lock`).
    private var preparedNames: Set<String> = []

    /// Defaults a URL's own parameters override: give up connecting after 10 s, and notice a
    /// silent network loss within about 25 s (keepalive after 10 s idle, 3 probes 5 s apart).
    static let connectionDefaults: KeyValuePairs = [
        "connect_timeout": "10", "keepalives": "1", "keepalives_idle": "10",
        "keepalives_interval": "5", "keepalives_count": "3", "fallback_application_name": "calimport",
    ]

    /// Opens a connection. `url` is a libpq connection string or URI
    /// (`postgresql://user@host:5432/db`, `postgresql:///db?host=/socket/dir`).
    public init(url: String) throws {
        guard let handle = Self.connect(url) else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError(code: .connectionFailed, message: message)
        }
        self.handle = handle
        configureSession()
    }

    /// `PQconnectdbParams` with ``connectionDefaults`` first and `url` expanded last, so that
    /// the URL's parameters win.
    private static func connect(_ url: String) -> OpaquePointer? {
        let keywords = connectionDefaults.map(\.key) + ["dbname"]
        let values = connectionDefaults.map(\.value) + [url]
        return withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers + [nil], valuePointers + [nil], 1)
            }
        }
    }

    /// Session settings: quiet notices, and timestamps shown in UTC in ISO form (what
    /// ``PostgresRow/date(_:)`` reads best; it accepts any offset).
    private func configureSession() {
        _ = try? execute("SET client_min_messages = warning; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'")
    }

    deinit { PQfinish(handle) }

    /// Whether the connection is still usable.
    public var isHealthy: Bool {
        lock.withLock { PQstatus(handle) == CONNECTION_OK }
    }

    /// Re-establishes the session when the connection broke, unless inside a transaction (whose
    /// work the break rolled back: it must fail as a whole). Returns whether it reconnected, so
    /// that a caller can restore session state such as LISTEN. Throws when the server cannot be
    /// reached.
    @discardableResult
    public func reconnectIfBroken() throws -> Bool {
        try lock.withLock {
            guard PQstatus(handle) != CONNECTION_OK else { return false }
            guard transactionDepth == 0 else {
                throw PostgresError(code: .connectionFailed, message: "connection lost inside a transaction")
            }
            PQreset(handle)
            preparedNames = []  // they belonged to the old session
            guard PQstatus(handle) == CONNECTION_OK else {
                throw PostgresError(code: .connectionFailed, message: String(cString: PQerrorMessage(handle)))
            }
            configureSession()
            return true
        }
    }

    /// Runs one statement with parameters (`$1`, `$2`, …, sent in text form, see
    /// ``PostgresBindable``; a nil optional is NULL) and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresBindable] = []) throws -> [PostgresRow] {
        try lock.withLock {
            try reconnectIfBroken()
            let texts = parameters.map(\.postgresText)
            let result = Self.withCStrings(texts) { pointers in
                PQexecParams(handle, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
            }
            return try consume(result)
        }
    }

    /// Runs `statement`, preparing it on this session first if need be (its first use, or the
    /// first after a reconnect). Parameters and rows as for ``query(_:_:)``.
    @discardableResult
    public func query(_ statement: PreparedStatement, _ parameters: [any PostgresBindable] = []) throws -> [PostgresRow] {
        try lock.withLock {
            try reconnectIfBroken()
            try prepare(statement)
            let texts = parameters.map(\.postgresText)
            let result = Self.withCStrings(texts) { pointers in
                PQexecPrepared(handle, statement.name, Int32(texts.count), pointers, nil, nil, 0)
            }
            return try consume(result)
        }
    }

    private func prepare(_ statement: PreparedStatement) throws {
        guard !preparedNames.contains(statement.name) else { return }
        let result = PQprepare(handle, statement.name, statement.sql, 0, nil)
        defer { PQclear(result) }
        try check(result)
        preparedNames.insert(statement.name)
    }

    /// Runs one or more statements without parameters (the simple query protocol), e.g. a migration script.
    public func execute(_ sql: String) throws {
        try lock.withLock {
            try reconnectIfBroken()
            var result = PQexec(handle, sql)
            defer { PQclear(result) }
            try check(result)
            while let next = PQgetResult(handle) {
                PQclear(result)
                result = next
                try check(next)
            }
        }
    }

    /// Runs `body` inside BEGIN … COMMIT; rolls back when it throws. Inside another
    /// transaction, `body` runs as part of it (the outer one commits or rolls back).
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try lock.withLock {
            if transactionDepth > 0 { return try body(self) }
            try execute("BEGIN")
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            do {
                let value = try body(self)
                try execute("COMMIT")
                return value
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Reads the rows of a finished result and frees it, or throws its error.
    private func consume(_ result: OpaquePointer?) throws -> [PostgresRow] {
        defer { PQclear(result) }
        try check(result)
        guard let result, PQresultStatus(result) == PGRES_TUPLES_OK else { return [] }
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let rowCount = Int(PQntuples(result))
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let values: [String?] = (0..<columnCount).map { column in
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 { return nil }
                return String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return rows
    }

    /// Throws the error a result carries, if any.
    func check(_ result: OpaquePointer?) throws {
        guard let result else {
            throw PostgresError(code: .connectionFailed, message: String(cString: PQerrorMessage(handle)))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_EMPTY_QUERY:
            return
        default:
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = String(cString: PQresultErrorMessage(result))
            let code: PostgresError.Code = PQstatus(handle) == CONNECTION_OK ? .queryFailed : .connectionFailed
            throw PostgresError(code: code, sqlState: sqlState, message: message)
        }
    }

    /// Calls `body` with C strings for `values` (NULL for nil), valid only during the call.
    static func withCStrings<R>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let duplicates: [UnsafeMutablePointer<CChar>?] = values.map { $0.map { strdup($0)! } }
        defer { duplicates.forEach { free($0) } }
        return body(duplicates.map { $0.map { UnsafePointer($0) } })
    }
}

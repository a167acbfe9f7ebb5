import Foundation

/// An error from the PostgreSQL client: what failed (``Code``), the server's SQLSTATE when it
/// sent one, and the server's or libpq's message (one line, never containing the password).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of operation failed.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The connection could not be opened or was lost.
        public static let connectionFailed = Code("connectionFailed")
        /// The server rejected a statement (see ``PostgresError/sqlState``).
        public static let queryFailed = Code("queryFailed")
        /// A COPY FROM STDIN could not be completed.
        public static let copyFailed = Code("copyFailed")
        /// A value could not be read as the requested type.
        public static let decodingFailed = Code("decodingFailed")
    }

    /// What kind of operation failed.
    public var code: Code
    /// The five-character SQLSTATE sent by the server (`23505` unique violation, `40001` …), if any.
    public var sqlState: String?
    /// The error message, as a single line.
    public var message: String

    public init(code: Code, sqlState: String? = nil, message: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    public var description: String {
        if let sqlState { return "PostgreSQL \(code) [\(sqlState)]: \(message)" }
        return "PostgreSQL \(code): \(message)"
    }

    /// Whether the error is a lost or refused connection, worth a reconnect and retry.
    public var isConnectionProblem: Bool {
        code == .connectionFailed || (sqlState?.hasPrefix("08") ?? false) || sqlState == "57P01"
    }
}

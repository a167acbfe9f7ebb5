/// A statement a connection prepares once per session (again after a reconnect) and then runs
/// by name: for statements run on every turn of a loop, parsing and planning happen once.
public struct PreparedStatement: Sendable {
    /// The name it is prepared under; unique among a program's prepared statements.
    public let name: String
    /// Its SQL, with `$1`, `$2`, … parameters.
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}

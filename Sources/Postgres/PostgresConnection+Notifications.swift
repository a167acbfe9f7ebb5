import CLibPQ
import Foundation

extension PostgresConnection {
    /// Starts listening on `channel` (an SQL identifier).
    public func listen(_ channel: String) throws {
        try execute("LISTEN \(Self.quoteIdentifier(channel))")
    }

    /// Sends a notification with `payload` on `channel`.
    public func notify(_ channel: String, payload: String = "") throws {
        try query("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// Waits up to `timeout` seconds for notifications and returns those received (possibly none).
    public func waitForNotifications(timeout: Double) throws -> [PostgresNotification] {
        var received = try lock.withLock { try drainNotifications() }
        if !received.isEmpty { return received }
        let socket = lock.withLock { PQsocket(handle) }
        guard socket >= 0 else {
            throw PostgresError(code: .connectionFailed, message: "connection has no socket")
        }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout * 1000)))
        if ready > 0 {
            received = try lock.withLock { try drainNotifications() }
        }
        return received
    }

    private func drainNotifications() throws -> [PostgresNotification] {
        guard PQconsumeInput(handle) == 1 else {
            throw PostgresError(code: .connectionFailed, message: String(cString: PQerrorMessage(handle)))
        }
        var notifications: [PostgresNotification] = []
        while let raw = PQnotifies(handle) {
            let notify = raw.pointee
            notifications.append(PostgresNotification(
                channel: String(cString: notify.relname),
                payload: String(cString: notify.extra),
                senderPID: notify.be_pid
            ))
            PQfreemem(raw)
        }
        return notifications
    }

    /// Quotes an SQL identifier (`"name"`, doubling embedded quotes).
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

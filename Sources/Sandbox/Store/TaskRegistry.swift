import Foundation

/// BlueMind tasks: each is `InProgress` when first asked, then `Success` with its result.
final class TaskRegistry: @unchecked Sendable {
    /// What `GET /api/tasks/{id}` answers.
    struct Status: Encodable {
        var state: String
        var result: String?
        var lastLogEntry: String?
    }

    private let lock = NSLock()
    private var tasks: [String: (result: String, failed: Bool, polls: Int)] = [:]
    private var next = 0

    /// Registers a finished task; returns its id.
    func add(result: String) -> String {
        add(result, failed: false)
    }

    /// Registers a task that failed with `reason`; returns its id.
    func add(failure reason: String) -> String {
        add(reason, failed: true)
    }

    private func add(_ result: String, failed: Bool) -> String {
        lock.withLock {
            next += 1
            tasks[String(next)] = (result, failed, 0)
            return String(next)
        }
    }

    /// The task's status, nil when unknown.
    func poll(_ id: String) -> Status? {
        lock.withLock {
            guard var task = tasks[id] else { return nil }
            task.polls += 1
            tasks[id] = task
            if task.polls == 1 { return Status(state: "InProgress") }
            return task.failed ? Status(state: "InError", lastLogEntry: task.result) : Status(state: "Success", result: task.result, lastLogEntry: "import done")
        }
    }
}

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
    private var tasks: [String: (result: String, polls: Int)] = [:]
    private var next = 0

    /// Registers a finished task; returns its id.
    func add(result: String) -> String {
        lock.withLock {
            next += 1
            tasks[String(next)] = (result, 0)
            return String(next)
        }
    }

    /// The task's status, nil when unknown.
    func poll(_ id: String) -> Status? {
        lock.withLock {
            guard var task = tasks[id] else { return nil }
            task.polls += 1
            tasks[id] = task
            return task.polls == 1 ? Status(state: "InProgress") : Status(state: "Success", result: task.result, lastLogEntry: "import done")
        }
    }
}

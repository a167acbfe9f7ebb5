import ArgumentParser
import JobQueue

/// Error mapping shared by the operator commands (pause, resume, cancel, retry, failures,
/// batch prune): a missing or unfinished batch is bad usage (exit 64); everything else goes
/// through ``CommandFailure``.
enum OperatorFailure {
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        try CommandFailure.reporting {
            do {
                return try body()
            } catch let error as JobQueueError where error.code == .batchNotFound || error.code == .batchUnfinished {
                throw CommandFailure.fail(error.message, code: ExitCode.validationFailure.rawValue)
            }
        }
    }
}

import ArgumentParser
import CalendarTargets
import Foundation
import ICalendar
import Importer
import JobQueue
import Postgres
import Settings
import Telemetry

/// The one place errors become messages and exit codes.
///
/// Exit codes: 0 success; 1 finished with failed accounts; 64 bad usage (ArgumentParser's own);
/// 3 source problem; 4 target unreachable or refusing credentials; 5 database problem;
/// 130 `run` interrupted.
enum CommandFailure {
    static let failedAccounts: Int32 = 1
    static let usage: Int32 = ExitCode.validationFailure.rawValue
    static let interrupted: Int32 = 130
    static let source: Int32 = 3
    static let target: Int32 = 4
    static let database: Int32 = 5

    /// Runs `body`; a known error is printed as one line on standard error and exits with its code.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw fail("database: \(error.message)", code: database)
        } catch let error as JobQueueError {
            let usage = error.code == .batchConflict || error.code == .batchNotFound
            throw fail(error.message, code: usage ? ExitCode.validationFailure.rawValue : database)
        } catch let error as CalendarTargetError {
            throw fail(error.message, code: target)
        } catch let error as ICalendarError {
            throw fail(error.description, code: source)
        } catch let error as TelemetryError {
            throw fail(error.message, code: ExitCode.validationFailure.rawValue)
        } catch let error as SettingsError {
            throw fail(error.message, code: ExitCode.validationFailure.rawValue)
        } catch let error as AccountSourceError {
            throw fail(error.message, code: source)
        }
    }

    /// Prints `message` on standard error and returns the exit code to throw.
    static func fail(_ message: String, code: Int32) -> ExitCode {
        printError(message)
        return ExitCode(code)
    }

    /// Prints `message` on standard error as calimport's errors are printed.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("calimport: \(message)\n".utf8))
    }
}

import ArgumentParser
import Foundation
import JobQueue

/// `calimport workers`: the worker registry.
struct WorkersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "Worker processes: host, pid, slots, jobs running, last heartbeat; dead ones (silent for longer than their lease) marked.",
        discussion: "With --json: one object per worker per line.")

    @Flag(name: .long, help: "One JSON object per worker, one per line.")
    var json = false

    @Flag(name: .long, help: "Include workers that stopped cleanly.")
    var all = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger("calimport.workers")
        try CommandFailure.reporting {
            let workers = try common.openQueue(logger: logger).workers(includeStopped: all)
            if json {
                for worker in workers { print(try StableJSON.line(worker)) }
            } else {
                workers.forEach { print(Self.describe($0)) }
                if workers.isEmpty { print("no workers") }
            }
        }
    }

    static func describe(_ worker: WorkerInfo) -> String {
        let condition = worker.stoppedAt != nil ? "stopped" : worker.dead ? "DEAD" : worker.stoppingSince != nil ? "stopping" : "live"
        return "\(worker.id) \(condition): host \(worker.host) pid \(worker.pid), \(worker.running)/\(worker.slots) slots busy, "
            + "last heartbeat \(Int(worker.silentFor.rounded())) s ago, version \(worker.version)"
    }
}

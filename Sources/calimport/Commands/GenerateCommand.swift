import ArgumentParser
import Foundation
import TenantGenerator

/// `calimport generate`: a deterministic tenant of realistic calendars, for demos, rehearsals and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic tenant of <account>.ics files (realistic Outlook/Google/Zimbra-like calendars).")

    @Option(name: .long, help: "Number of accounts.")
    var accounts: Int = 100

    @Option(name: .long, help: "Events per account, as MIN-MAX.")
    var events: String = "20-80"

    @Option(name: .long, help: "Seed of the generator: the same seed writes the same bytes.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Mail domain of the accounts.")
    var domain: String = "example.com"

    @Option(name: .long, help: "Output directory.")
    var output: String

    @OptionGroup var configFile: ConfigFileOption

    func run() throws {
        let bounds = events.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1] else {
            throw ValidationError("--events takes MIN-MAX, e.g. 20-80")
        }
        let configuration = TenantGenerator.Configuration(
            accounts: accounts, eventsPerAccount: bounds[0]...bounds[1], seed: seed, domain: domain)
        let summary = try TenantGenerator(configuration: configuration).write(to: URL(fileURLWithPath: output, isDirectory: true))
        print("wrote \(summary.accounts) accounts, \(summary.components) components, \(summary.bytes) bytes to \(output)")
    }
}

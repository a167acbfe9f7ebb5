import Foundation
import HTTPTransport
import TenantGenerator
import TestSupport
import Testing

/// A generated tenant in a temporary directory, with unique account names so that tests can
/// share one Radicale server.
struct TestTenant {
    let directory: URL
    let accounts: [String]
    /// The accounts' mail domain.
    let domain: String
    /// Per account, the identities of the components its file holds (independent scan).
    let expectedIdentities: [String: [String]]

    init(accounts count: Int, events: ClosedRange<Int>) throws {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("calimport-tenant-\(tag)")
        domain = "t\(tag).example"
        let generator = TenantGenerator(configuration: .init(
            accounts: count, eventsPerAccount: events, seed: UInt64.random(in: 1...1_000_000), domain: domain))
        _ = try generator.write(to: directory)
        accounts = generator.accountNames()
        var expected: [String: [String]] = [:]
        for account in accounts {
            let text = try String(contentsOf: directory.appendingPathComponent(account + ".ics"), encoding: .utf8)
            expected[account] = ComponentScan.identities(in: text).sorted()
        }
        expectedIdentities = expected
    }

    func runner(databaseURL: String) -> CommandRunner {
        runner(databaseURL: databaseURL, server: .radicale)
    }

    /// A runner whose target credentials are `server`'s (none for Xandikos).
    func runner(databaseURL: String, server: CalDAVServer) -> CommandRunner {
        var environment = ["DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": "warning"]
        if let credentials = server.credentials {
            environment["CALIMPORT_TARGET_USER"] = credentials.user
            environment["CALIMPORT_TARGET_PASSWORD"] = credentials.password
        }
        return CommandRunner(environment: environment)
    }

    /// Creates each account's home collection on `server` (`/<account>/`).
    func createHomes(on server: CalDAVServer, except skipped: Set<String> = []) throws {
        for account in accounts where !skipped.contains(account) { try server.createHome(account) }
    }

    /// Creates each account's principal collection, as a real server has it before a migration.
    func createPrincipals(on server: String, except skipped: Set<String> = []) throws {
        let client = HTTPClient()
        for account in accounts where !skipped.contains(account) {
            let response = try client.perform(HTTPRequest(
                method: "MKCOL", url: "\(server)/\(account)/", credentials: credentials))
            #expect([201, 405].contains(response.status), "MKCOL \(account): \(response.status)")
        }
    }

    /// Reads every account's calendar back resource by resource and compares it with its source
    /// file: the same components, each once, and each with the same content (start and end as UTC
    /// instants, RRULE, EXDATE, people), every ORGANIZER and ATTENDEE stored with
    /// `SCHEDULE-AGENT=CLIENT` — so a time shift or a lost exception fails.
    func expectServerHoldsExactlyTheSourceEvents(on server: CalDAVServer) throws {
        for account in accounts {
            let stored = try server.readBack(try server.collectionURL(for: account))
            #expect(ComponentScan.identities(in: stored).sorted() == expectedIdentities[account], "\(server) \(account): server differs from the source")
            let source = try String(contentsOf: directory.appendingPathComponent(account + ".ics"), encoding: .utf8)
            let actual = ComponentContent.contents(in: stored)
            for (identity, content) in ComponentContent.contents(in: source) {
                let expected = content.withScheduleAgents("CLIENT")
                #expect(actual[identity] == expected, "\(server) \(account) \(identity): stored \(actual[identity].map(\.description) ?? "nothing"), source \(expected)")
            }
        }
    }

    /// The accounts whose calendar on the server differs from their source file (no expectations recorded).
    func accountsDiffering(on server: String) throws -> [String] {
        let client = HTTPClient()
        return try accounts.filter { account in
            let response = try client.perform(HTTPRequest(method: "GET", url: "\(server)/\(account)/calendar/", credentials: credentials))
            return ComponentScan.identities(in: String(decoding: response.body, as: UTF8.self)).sorted() != expectedIdentities[account]
        }
    }

    private var credentials: HTTPRequest.Credentials {
        HTTPRequest.Credentials(user: RadicaleServer.user, password: RadicaleServer.password)
    }
}

/// `status --json` of one batch, decoded the way a monitoring script would.
struct BatchStatusJSON: Decodable {
    var batch: String
    var total: Int
    var pending: Int
    var running: Int
    var succeeded: Int
    var partial: Int
    var failed: Int
    var cancelled: Int
    var eventsImported: Int
    var failedAccounts: [FailedAccount]
    var partialAccounts: [FailedAccount]

    struct FailedAccount: Decodable {
        var account: String
        var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case batch, total, pending, running, succeeded, partial, failed, cancelled
        case eventsImported = "events_imported"
        case failedAccounts = "failed_accounts"
        case partialAccounts = "partial_accounts"
    }

    static func read(_ cli: CommandRunner, batch: String) throws -> BatchStatusJSON {
        let output = try cli.run(["status", "--batch", batch, "--json"])
        #expect(output.status == 0, "\(output.standardError)")
        let line = output.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
        return try JSONDecoder().decode(BatchStatusJSON.self, from: Data(line.utf8))
    }
}

import ArgumentParser
import Foundation
import Importer

/// `--source`, `--accounts`, `--accounts-cmd`, `--map`: which accounts a batch has and where
/// their files are (shared by `submit` and `run`).
struct AccountSourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Directory of <account>.ics files, or a path template with {account}, {localpart}, {domain}.",
        valueName: "DIR|TEMPLATE"))
    var source: String

    @Option(name: .long, help: ArgumentHelp("File of account names, one per line (# comments); - for standard input.", valueName: "FILE|-"))
    var accounts: String?

    @Option(name: .customLong("accounts-cmd"), help: ArgumentHelp("Command run once (sh -c) that prints one account per line.", valueName: "COMMAND"))
    var accountsCommand: String?

    @Option(name: .long, help: ArgumentHelp("CSV source_account,target_account for renamed users or domains.", valueName: "FILE"))
    var map: String?

    func validate() throws {
        if accounts != nil && accountsCommand != nil {
            throw ValidationError("give either --accounts or --accounts-cmd, not both")
        }
    }

    /// The layout, with a directory source made absolute.
    var layout: SourceLayout {
        let layout = SourceLayout(source)
        if layout.isTemplate { return SourceLayout(URL(fileURLWithPath: source).path) }
        return SourceLayout(URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL.path)
    }

    /// Reads the account names and the map, and sorts the accounts into found, missing and refused.
    func plan() throws -> AccountPlan {
        AccountPlan.make(names: Array(try names()), layout: layout, map: try accountMap())
    }

    /// The account names, read lazily from the list or the command's output (held as bytes,
    /// one name at a time taken from them), or the directory's listing.
    func names() throws -> AnySequence<String> {
        if let accounts { return AnySequence(AccountList.names(in: try AccountList.contents(path: accounts))) }
        if let accountsCommand { return AnySequence(AccountList.names(in: try AccountList.output(command: accountsCommand))) }
        do {
            return AnySequence(try layout.discoverAccounts())
        } catch let error as AccountSourceError {
            throw error
        } catch {
            throw AccountSourceError("cannot list the source \(layout.source): \(error.localizedDescription)")
        }
    }

    /// The `--map`, or an empty one.
    func accountMap() throws -> AccountMap {
        try map.map(AccountMap.read(path:)) ?? AccountMap()
    }
}

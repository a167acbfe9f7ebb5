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
        let layout = self.layout
        let names: [String]
        if let accounts {
            names = try AccountList.read(path: accounts)
        } else if let accountsCommand {
            names = try AccountList.run(command: accountsCommand)
        } else {
            do {
                names = try layout.discoverAccounts()
            } catch let error as AccountSourceError {
                throw error
            } catch {
                throw AccountSourceError("cannot list the source \(layout.source): \(error.localizedDescription)")
            }
        }
        let map = try self.map.map(AccountMap.read(path:)) ?? AccountMap()
        return AccountPlan.make(names: names, layout: layout, map: map)
    }
}

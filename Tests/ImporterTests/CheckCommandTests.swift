import Foundation
import TestSupport
import Testing

/// `calimport check` of a Zimbra/Carbonio target (the sandbox node) through the CLI, with
/// several accounts.
@Suite struct CheckCommandTests {
    @Test func checkOfAZimbraTargetListsWhatItVerifiedAndExits4ForTheMissingAccount() throws {
        let sandbox = try SandboxHarness(accounts: ["a@example.com"])
        var environment = SandboxHarness.environment
        environment["CALIMPORT_LOG_LEVEL"] = "warning"
        let cli = CommandRunner(environment: environment)
        let target = "zimbra+\(sandbox.url)?admin-url=\(sandbox.url)"

        let output = try cli.run(["check", "--target", target, "--account", "a@example.com", "--account", "missing@example.com"])
        #expect(output.status == 4, "\(output.standardOutput)\n\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines == [
            "ok: authenticated as admin on \(sandbox.url) (admin AuthRequest)",
            "ok: a@example.com: account exists (DelegateAuthRequest)",
            "ok: a@example.com: folder /Calendar found (id 10, view appointment, 0 items)",
        ], "the admin login is printed once, the missing account not at all")
        #expect(output.standardError.contains("calimport: missing@example.com: DelegateAuthRequest: account.NO_SUCH_ACCOUNT"), "\(output.standardError)")
        #expect(output.standardError.contains("calimport: 1 of 2 accounts not found on the target: missing@example.com"), "\(output.standardError)")
        #expect(!output.standardError.contains(SandboxHarness.password), "the password never shows")

        let found = try cli.run(["check", "--target", target, "--account", "a@example.com"])
        #expect(found.status == 0, "\(found.standardError)")
        #expect(try sandbox.inspection("a@example.com").changes == 0, "nothing was written")
    }
}

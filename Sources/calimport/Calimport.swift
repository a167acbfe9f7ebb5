import ArgumentParser
import Importer

/// The root command.
@main
struct Calimport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calimport",
        abstract: "Import per-account iCalendar exports into a calendar server, through a PostgreSQL job queue.",
        discussion: """
            Without --database-url or DATABASE_URL, calimport uses its own PostgreSQL cluster under
            CALIMPORT_HOME (default ./.calimport), created and started on demand.
            Target credentials come from CALIMPORT_TARGET_USER and CALIMPORT_TARGET_PASSWORD
            (or CALIMPORT_TARGET_PASSWORD_FILE), never from the command line.
            """,
        version: CalimportVersion.current,
        subcommands: [
            RunCommand.self, CheckCommand.self, SubmitCommand.self, WorkCommand.self,
            StatusCommand.self, JobsCommand.self, FailuresCommand.self, WorkersCommand.self, ReportCommand.self,
            PauseCommand.self, ResumeCommand.self, CancelCommand.self, RetryCommand.self, BatchCommand.self,
            DatabaseCommand.self, ConfigCommand.self, ICSCommand.self, GenerateCommand.self, SandboxCommand.self,
        ]
    )
}

import CalendarTargets
import Foundation
import ICalendar
import JobQueue

/// A batch as the worker uses it: its stored settings read once — window, import mode,
/// source layout, invitations choice — and its connector built, when a worker process first
/// sees the batch (see ``PreparedBatches``). Every job of the batch in that process uses it.
struct PreparedBatch: Sendable {
    /// The batch's database id.
    let id: Int
    /// The batch's name.
    let name: String
    /// The window components must overlap to be imported.
    let window: DateWindow
    /// How the import treats what the target already holds.
    let mode: ImportMode
    /// Where the account files are.
    let source: SourceLayout
    /// Who sends invitations (the target URL's `invitations=`).
    let invitations: Invitations
    /// The connector, shared by every job of the batch.
    let target: any CalendarTarget

    /// Reads `batch`'s stored settings and builds its connector from `context`. A setting that
    /// cannot be read never falls back to a default: an unknown mode throws a permanent
    /// ``JobFailure`` (code `batch.invalid`) naming the batch and the value; a target URL or
    /// option the connectors refuse throws their ``CalendarTargetError``.
    init(_ batch: Batch, context: TargetFactory.Context) throws {
        let definition = batch.definition
        guard let mode = ImportMode(rawValue: definition.mode) else {
            let known = ImportMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw JobFailure(failureClass: .permanent, code: Self.invalidCode,
                             message: "batch \(definition.name): unknown import mode \"\(definition.mode)\" (\(known))")
        }
        let url = try TargetURL(definition.target)
        id = batch.id
        name = definition.name
        window = DateWindow(from: definition.windowFrom, to: definition.windowTo)
        self.mode = mode
        source = SourceLayout(definition.source)
        invitations = try Invitations(url)
        target = try TargetFactory.makeTarget(url, invitations: invitations, context: context)
    }

    /// The failure code of a batch whose stored settings cannot be read.
    static let invalidCode = "batch.invalid"
}

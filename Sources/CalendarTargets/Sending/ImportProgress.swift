import Foundation

/// How far one running import got: its phase and how many of the components the window kept
/// have been pushed. The worker sets the phases; the connectors count: item-by-item targets
/// (CalDAV) each item once its request is answered, whatever the answer (imported, skipped or
/// refused); whole-file targets (Zimbra, WCAP, file) every component once the request that
/// writes was answered, BlueMind per task. The worker pool's heartbeat reads it and records it
/// with the job. Cheap and safe to call from any thread.
public final class ImportProgress: @unchecked Sendable {
    /// What the import is doing.
    public enum Phase: String, Sendable, CaseIterable {
        /// Reading the account's file.
        case reading
        /// Parsing it and keeping what falls in the window.
        case filtering
        /// Sending components to the target.
        case pushing
        /// Reading back what the target holds (Zimbra, WCAP, BlueMind) to tell what landed.
        case verifying
    }

    /// One reading of the progress.
    public struct Snapshot: Sendable, Equatable {
        public var phase: Phase
        /// Components pushed so far.
        public var done: Int
        /// Components to push, once known (the ones the window kept).
        public var total: Int?
        /// When the phase or the count last changed.
        public var changedAt: Date

        public init(phase: Phase, done: Int, total: Int?, changedAt: Date) {
            self.phase = phase
            self.done = done
            self.total = total
            self.changedAt = changedAt
        }
    }

    private let lock = NSLock()
    private var value: Snapshot

    /// A progress in phase `reading`, nothing pushed.
    public init() {
        value = Snapshot(phase: .reading, done: 0, total: nil, changedAt: Date())
    }

    /// Enters `phase`; `total`, when given, is the number of components to push.
    public func enter(_ phase: Phase, total: Int? = nil) {
        let now = Date()
        lock.withLock {
            value.phase = phase
            if let total { value.total = total }
            value.changedAt = now
        }
    }

    /// Counts `components` more as pushed.
    public func pushed(_ components: Int) {
        guard components != 0 else { return }
        let now = Date()
        lock.withLock {
            value.done += components
            value.changedAt = now
        }
    }

    /// Counts the components of `result` (imported, skipped and refused) as pushed.
    public func pushed(_ result: TargetImportResult) {
        pushed(result.imported + result.skipped + result.failed)
    }

    /// The progress now.
    public var snapshot: Snapshot { lock.withLock { value } }
}

import Foundation

/// Half-open UTC window `[from, to)`; `nil` means unbounded on that side.
public struct DateWindow: Sendable, Equatable {
    /// The inclusive lower bound, or `nil` for no lower bound.
    public let from: Date?
    /// The exclusive upper bound, or `nil` for no upper bound.
    public let to: Date?

    /// Creates a window from its two bounds.
    public init(from: Date?, to: Date?) {
        self.from = from
        self.to = to
    }

    /// The window that keeps everything.
    public static let unbounded = DateWindow(from: nil, to: nil)

    /// Whether the window has no bound at all.
    public var isUnbounded: Bool { from == nil && to == nil }

    /// Whether `[start, end)` overlaps the window; an instant (`start == end`) at `from`
    /// overlaps, one at `to` does not. An `end` before `start` is read as an instant.
    public func overlaps(start: Date, end: Date) -> Bool {
        overlaps(start: start.timeIntervalSince1970, end: end.timeIntervalSince1970)
    }

    /// ``overlaps(start:end:)`` on seconds since 1970 (UTC).
    func overlaps(start: Double, end: Double) -> Bool {
        let end = max(start, end)
        if let to, start >= to.timeIntervalSince1970 { return false }
        guard let from else { return true }
        let lower = from.timeIntervalSince1970
        return start == end ? start >= lower : end > lower
    }
}

import CalendarTargets
import Foundation

/// A cancellation that answers false to its first `asks` questions and true from then on: an
/// operator's cancel arriving at a known checkpoint.
final class CancelAfter: @unchecked Sendable {
    private let lock = NSLock()
    private let asks: Int
    private(set) var asked = 0

    init(asks: Int) {
        self.asks = asks
    }

    var check: CancellationCheck {
        CancellationCheck { [self] in
            lock.withLock {
                asked += 1
                return asked > asks
            }
        }
    }
}

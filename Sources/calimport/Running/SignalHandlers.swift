import Dispatch
import Foundation

/// SIGINT/SIGTERM: the first calls `onFirst`, the second exits at once.
final class SignalHandlers: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received = 0

    /// Installs the handlers; `onFirst` runs on a Dispatch queue at the first signal.
    init(onFirst: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let count = lock.withLock { received += 1; return received }
                if count == 1 {
                    FileHandle.standardError.write(Data("calimport: stopping: finishing in-flight jobs (signal again to exit at once)\n".utf8))
                    onFirst()
                } else {
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Removes the handlers' Dispatch sources.
    func cancel() {
        sources.forEach { $0.cancel() }
    }
}

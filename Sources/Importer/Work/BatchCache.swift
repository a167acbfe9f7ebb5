import JobQueue

/// Batches looked up once per worker process.
struct BatchCache {
    let queue: JobQueue
    private var batches: [Int: Batch] = [:]

    init(queue: JobQueue) {
        self.queue = queue
    }

    mutating func batch(_ id: Int) throws -> Batch {
        if let batch = batches[id] { return batch }
        guard let batch = try queue.batch(id: id) else {
            throw JobQueueError(code: .batchNotFound, message: "batch \(id) not found")
        }
        batches[id] = batch
        return batch
    }
}

/// An append-only array stored in fixed-size chunks: growing never copies what is stored
/// (an `Array` doubling its buffer briefly holds both), so a large index's peak memory stays
/// its size. Used by ``ItemIndex``.
struct ChunkedArray<Element> {
    private static var chunkSize: Int { 1 << 16 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    /// Appends `element`.
    mutating func append(_ element: Element) {
        if count % Self.chunkSize == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// The element at `index` (`0..<count`).
    subscript(index: Int) -> Element {
        get { chunks[index / Self.chunkSize][index % Self.chunkSize] }
        set { chunks[index / Self.chunkSize][index % Self.chunkSize] = newValue }
    }
}

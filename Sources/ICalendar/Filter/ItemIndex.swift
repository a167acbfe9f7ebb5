/// Where the items of a file are, grouped by UID, in a few bytes per component: what the
/// streaming filter remembers between reading a file and judging its series. A UID is kept
/// as a 64-bit hash; two UIDs with the same hash share a bucket and are told apart when the
/// bucket's components are read again.
struct ItemIndex {
    /// One component: its byte range, first line and `VCALENDAR` index, and the next
    /// component of its bucket (`-1` at the end).
    struct Entry {
        var offset: Int64
        var length: UInt32
        var line: UInt32
        var calendarIndex: UInt32
        var next: Int32
    }

    private var entries = ChunkedArray<Entry>()
    private var heads = ChunkedArray<Int32>()
    private var tails = ChunkedArray<Int32>()
    private var bucketByHash: [Int: Int32] = [:]
    /// The ``DerivedUIDs`` ordinal of each component that had no UID, by entry (the few such
    /// components cost a dictionary entry each).
    private var derivedOrdinals: [Int32: Int32] = [:]
    private let hash: @Sendable (String) -> Int

    /// An empty index hashing UIDs with `hash` (Swift's hasher unless a test needs collisions).
    init(hash: @escaping @Sendable (String) -> Int = { $0.hashValue }) {
        self.hash = hash
    }

    /// The number of components recorded.
    var componentCount: Int { entries.count }

    /// The number of buckets (distinct UID hashes, derived UIDs included).
    var bucketCount: Int { heads.count }

    /// Records a component with `uid` (`nil`: a bucket of its own); `derivedOrdinal` is the
    /// ``DerivedUIDs`` ordinal that gave it `uid` when it had none.
    mutating func add(uid: String?, derivedOrdinal: Int? = nil, range: Range<Int>, line: Int, calendarIndex: Int) {
        let index = Int32(entries.count)
        if let derivedOrdinal { derivedOrdinals[index] = Int32(clamping: derivedOrdinal) }
        entries.append(Entry(offset: Int64(range.lowerBound), length: UInt32(clamping: range.count),
                             line: UInt32(clamping: line), calendarIndex: UInt32(clamping: calendarIndex), next: -1))
        if let uid, let bucket = bucketByHash[hash(uid)] {
            entries[Int(tails[Int(bucket)])].next = index
            tails[Int(bucket)] = index
            return
        }
        if let uid { bucketByHash[hash(uid)] = Int32(heads.count) }
        heads.append(index)
        tails.append(index)
    }

    /// The entries of bucket `bucket`, in file order, each with its ``DerivedUIDs`` ordinal
    /// when its UID was derived.
    func entries(inBucket bucket: Int) -> [(entry: Entry, derivedOrdinal: Int?)] {
        var result: [(entry: Entry, derivedOrdinal: Int?)] = []
        var index = heads[bucket]
        while index >= 0 {
            result.append((entries[Int(index)], derivedOrdinals[index].map(Int.init)))
            index = entries[Int(index)].next
        }
        return result
    }
}

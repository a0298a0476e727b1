/// A growable list of trivial values (integers, tuples of them) in memory its holder frees with
/// `deallocate()`: the per-event working memory of a match.
///
/// Not an `Array` because writes to arrays check uniqueness (copy-on-write) each time, out of line,
/// and those checks were most of the cost of recording a hit; these lists are never shared (a
/// `MatchState` has one owner at a time), so the check buys nothing.
struct RawList<Element>: RandomAccessCollection {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 8) {
        self.capacity = Swift.max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    func deallocate() { base.deallocate() }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "RawList index out of range")
            return base[i]
        }
        nonmutating set {
            precondition(i >= 0 && i < count, "RawList index out of range")
            base[i] = newValue
        }
    }

    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: value)
        count += 1
    }

    mutating func append(contentsOf other: RawList<Element>) {
        if count + other.count > capacity { grow(to: Swift.max(capacity * 2, count + other.count)) }
        (base + count).initialize(from: other.base, count: other.count)
        count += other.count
    }

    @inline(__always)
    mutating func removeLast() {
        precondition(count > 0, "RawList is empty")
        count -= 1
    }

    /// Keeps the first `n` values (trivial values need no deinitializing).
    @inline(__always)
    mutating func truncate(to n: Int) { count = Swift.min(count, n) }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(never)
    private mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}

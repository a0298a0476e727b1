import CortadoJSON

extension IntrinsicFunction {
    /// AWS's documented limit on the length of the array `States.ArrayRange` builds.
    static let arrayRangeLimit = 1000

    /// `States.ArrayPartition(array, size)`: chunks of `size` items, the last one shorter.
    func arrayPartition(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let items = try args.array(0)
        let size = try args.integer(1)
        guard size > 0 else { throw args.invalid("the chunk size must be a positive integer, but it was \(size)") }
        return .array(stride(from: 0, to: items.count, by: size).map { .array(Array(items[$0..<min($0 + size, items.count)])) })
    }

    /// `States.ArrayRange(first, last, step)`: `first`, `first + step`, ... up to and including `last`.
    func arrayRange(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let first = try args.integer(0)
        let last = try args.integer(1)
        let step = try args.integer(2)
        guard step != 0 else { throw args.invalid("the step (third argument) must not be 0") }
        // Count first, so a huge range fails without being built.
        var count = Int.max
        let span = last.subtractingReportingOverflow(first)
        if !span.overflow {
            if span.partialValue != 0 && (span.partialValue > 0) != (step > 0) {
                count = 0
            } else {
                let steps = span.partialValue.dividedReportingOverflow(by: step)
                if !steps.overflow && steps.partialValue < Self.arrayRangeLimit { count = steps.partialValue + 1 }
            }
        }
        guard count <= Self.arrayRangeLimit else {
            throw args.invalid("the range would have more than \(Self.arrayRangeLimit) items")
        }
        return .array((0..<count).map { .int(first + $0 * step) })
    }

    /// `States.ArrayGetItem(array, index)`: the item at a zero-based index.
    func arrayGetItem(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let items = try args.array(0)
        let index = try args.integer(1)
        guard index >= 0 else { throw args.invalid("the index must be a non-negative integer, but it was \(index)") }
        guard index < items.count else {
            throw args.invalid("the index \(index) is out of bounds of an array of \(items.count) items")
        }
        return items[index]
    }

    /// `States.ArrayUnique(array)`: the first occurrence of each distinct value, in order.
    func arrayUnique(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        var seen = Set<JSON>()
        return .array(try args.array(0).filter { seen.insert($0).inserted })
    }
}

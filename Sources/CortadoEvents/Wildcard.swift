/// A `wildcard` pattern: `*` matches any run of bytes (none included), `\*` a literal star, `\\` a
/// backslash. Matching is on UTF-8 bytes, as event-ruler matches.
public struct Wildcard: Sendable, Hashable {
    /// The literal byte runs between stars; `segments.count == stars + 1`.
    let segments: [[UInt8]]
    public let source: String

    /// Parses `pattern`; the error is event-ruler's ("Consecutive wildcard characters at pos N", the
    /// position counted in the value as event-ruler quotes it, so one more than the byte offset).
    public init(_ pattern: String) throws(EventsError) {
        source = pattern
        let bytes = Array(pattern.utf8)
        var segments: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "*") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                    throw EventsError("Consecutive wildcard characters at pos \(i + 1)")
                }
                segments.append([])
            } else if b == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") || bytes[i + 1] == UInt8(ascii: "\\") else {
                    throw EventsError("Invalid escape character at pos \(i + 1)")
                }
                segments[segments.count - 1].append(bytes[i + 1])
                i += 1
            } else {
                segments[segments.count - 1].append(b)
            }
            i += 1
        }
        self.segments = segments
    }

    public var hasStar: Bool { segments.count > 1 }

    public func matches(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { matches(bytes: $0) }
    }

    func matches(bytes v: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = segments[0]
        guard segments.count > 1 else { return v.elementsEqual(first) }
        let last = segments[segments.count - 1]
        guard v.count >= first.count + last.count else { return false }
        guard v.starts(with: first) else { return false }
        guard v[(v.count - last.count)...].elementsEqual(last) else { return false }
        // Middle segments, leftmost placement each, between the fixed ends.
        var at = first.count
        let end = v.count - last.count
        for segment in segments[1..<(segments.count - 1)] {
            guard let found = find(segment, in: v, from: at, before: end) else { return false }
            at = found + segment.count
        }
        return true
    }

    private func find(_ needle: [UInt8], in v: UnsafeBufferPointer<UInt8>, from: Int, before end: Int) -> Int? {
        if needle.isEmpty { return from }
        var i = from
        while i + needle.count <= end {
            if v[i] == needle[0] {
                var j = 1
                while j < needle.count, v[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension Wildcard {
    /// The most concurrent states a wildcard may reach. AWS does not publish its limit; the recorded
    /// cases put it between 5 (`arn:aws:events:us-east-1:*:event-bus/*`, accepted) and 13
    /// (`*:*:*:*:*:event-bus/*`, refused). See docs/known-differences.md.
    public static let complexityLimit = 10

    /// The most states the pattern's automaton can be in at once for some input: how much work one
    /// event byte can cost. EventBridge refuses rules above a limit it does not publish ("Rule is too
    /// complex …"); `EventPattern` applies `Wildcard.complexityLimit`.
    public var complexity: Int {
        // Tokens: a literal byte, or nil for a star. State i = about to match token i; count = accept.
        var tokens: [UInt8?] = []
        for (i, segment) in segments.enumerated() {
            if i > 0 { tokens.append(nil) }
            tokens.append(contentsOf: segment.map { Optional($0) })
        }
        guard tokens.count < 63 else { return Int.max }
        func closure(_ set: UInt64) -> UInt64 {
            var set = set
            for i in 0..<tokens.count where set & (1 << UInt64(i)) != 0 && tokens[i] == nil {
                set |= 1 << UInt64(i + 1)
            }
            return set
        }
        var alphabet = Set(tokens.compactMap { $0 })
        alphabet.insert(0)  // any byte the pattern does not name
        let start = closure(1)
        var seen: Set<UInt64> = [start]
        var queue = [start]
        var most = start.nonzeroBitCount
        while let set = queue.popLast() {
            for byte in alphabet {
                var next: UInt64 = 0
                for i in 0..<tokens.count where set & (1 << UInt64(i)) != 0 {
                    if let literal = tokens[i] {
                        if literal == byte { next |= 1 << UInt64(i + 1) }
                    } else {
                        next |= 1 << UInt64(i)
                    }
                }
                next = closure(next)
                if next != 0, seen.insert(next).inserted {
                    most = max(most, next.nonzeroBitCount)
                    if seen.count > 20_000 { return Int.max }
                    queue.append(next)
                }
            }
        }
        return most
    }
}

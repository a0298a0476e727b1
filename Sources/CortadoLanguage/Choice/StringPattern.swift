/// The pattern of a `StringMatches` comparison, compiled once when the definition is loaded.
///
/// `*` matches any run of characters (including none); `\*` is a literal asterisk and `\\` a
/// literal backslash. A backslash before any other character stands for that character.
/// Matching works on UTF-16 code units, the unit of the Java strings AWS compares.
public struct StringPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written in the definition.
    public let source: String
    /// The literal pieces between wildcards; a pattern with `n` wildcards has `n + 1` pieces.
    let pieces: [[UInt16]]

    public init(_ source: String) {
        self.source = source
        var pieces: [[UInt16]] = [[]]
        var escaped = false
        for unit in source.utf16 {
            if escaped {
                pieces[pieces.count - 1].append(unit)
                escaped = false
            } else if unit == Self.backslash {
                escaped = true
            } else if unit == Self.asterisk {
                pieces.append([])
            } else {
                pieces[pieces.count - 1].append(unit)
            }
        }
        // A trailing lone backslash has nothing to escape: keep it literally.
        if escaped { pieces[pieces.count - 1].append(Self.backslash) }
        self.pieces = pieces
    }

    public var description: String { source }

    private static let backslash = UInt16(UInt8(ascii: "\\"))
    private static let asterisk = UInt16(UInt8(ascii: "*"))

    /// True when the whole of `text` matches the pattern.
    public func matches(_ text: String) -> Bool {
        let units = Array(text.utf16)
        guard pieces.count > 1 else { return units == pieces[0] }

        // The first piece anchors the start, the last the end; the ones between are found
        // left to right, each as early as possible, which is enough when `*` is the only wildcard.
        let head = pieces[0]
        let tail = pieces[pieces.count - 1]
        guard units.count >= head.count + tail.count,
            units.starts(with: head),
            units[(units.count - tail.count)...].elementsEqual(tail)
        else { return false }

        var position = head.count
        let limit = units.count - tail.count
        for piece in pieces[1..<(pieces.count - 1)] where !piece.isEmpty {
            guard let found = Self.find(piece, in: units, from: position, before: limit) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// The first index at or after `start` where `needle` occurs ending no later than `limit`.
    private static func find(_ needle: [UInt16], in haystack: [UInt16], from start: Int, before limit: Int) -> Int? {
        guard limit - start >= needle.count else { return nil }
        for i in start...(limit - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}

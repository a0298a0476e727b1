import CortadoJSON
import Synchronization

/// Every rule of a bus compiled into one index, so that matching an event costs the event's leaves
/// times the conditions they satisfy, not the number of rules (docs/architecture/events.md).
///
/// Immutable once built; `matches` needs a `Scratch` (per-event working memory sized to the machine)
/// that one caller at a time may reuse. Making a scratch is cheap: the machine keeps the memory of the
/// scratches it made once they are gone and hands it to the next one.
public struct RuleMachine<Rule: Hashable & Sendable>: Sendable {
    public let rules: [Rule]
    let core: MatchCore
    private let pool = ScratchPool()

    /// Compiles `rules`; the order given is the order `matches` reports in.
    public init(_ rules: [(Rule, EventPattern)]) {
        self.rules = rules.map(\.0)
        core = MatchCore(rules.map(\.1))
    }

    /// Per-event working memory; make one per concurrent caller and reuse it.
    public final class Scratch {
        var state: MatchState
        private let pool: ScratchPool?

        init(_ state: MatchState, pool: ScratchPool?) {
            self.state = state
            self.pool = pool
        }

        deinit { pool?.put(state) }
    }

    public func makeScratch() -> Scratch { Scratch(pool.take() ?? MatchState(), pool: pool) }

    /// The rules `event` matches, in the order they were given, each once.
    public func matches(_ event: JSON, using scratch: Scratch) -> [Rule] {
        if core.isEmpty { return [] }
        core.match(event, &scratch.state)
        return rules(scratch)
    }

    /// The rules the event whose JSON text is `text` matches: the same as parsing it and calling
    /// `matches(_:using:)`, without building the parts of the event no rule names (they are still
    /// checked as JSON). Throws what `JSON(parsing:)` throws for text that is not JSON.
    public func matches(text: String, using scratch: Scratch) throws(JSONParseError) -> [Rule] {
        let walked: Bool = text.utf8.withContiguousBytes { bytes in
            var scanner = JSONScanner(bytes)
            do throws(JSONParseError) {
                if core.isEmpty {
                    try scanner.skipValue()
                } else {
                    core.begin(&scratch.state)
                    guard try core.collect(text: &scanner, node: 0, &scratch.state) else { return false }
                }
                try scanner.finish()
                return true
            } catch {
                return false
            }
        }
        // Not JSON (the parser's error is the one to throw), or a repeated key on a rule path (the
        // parser keeps the last value): the parsed event decides.
        guard walked else { return matches(try JSON(parsing: text), using: scratch) }
        if core.isEmpty { return [] }
        core.evaluate(&scratch.state)
        return rules(scratch)
    }

    private func rules(_ scratch: Scratch) -> [Rule] {
        let matched = scratch.state.matched
        if matched.isEmpty { return [] }
        return matched.map { rules[Int($0)] }
    }
}

/// The memory of scratches no longer in use, for the next `makeScratch` (callers such as the event
/// bus make one per event, and a machine of 10,000 rules has 10,000 entries to size).
final class ScratchPool: Sendable {
    private let free = Mutex<[MatchState]>([])
    static let limit = 16

    func take() -> MatchState? { free.withLock { $0.popLast() } }

    func put(_ state: MatchState) {
        free.withLock { if $0.count < Self.limit { $0.append(state) } }
    }
}

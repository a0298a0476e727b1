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
    public typealias Scratch = RuleMachineScratch

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

    /// The matched rules' values. Through buffers: this code is generic, and callers in other modules
    /// run it unspecialized, where reading an array element through its accessor allocates.
    private func rules(_ scratch: Scratch) -> [Rule] {
        let matched = scratch.state.matched.buffer
        if matched.isEmpty { return [] }
        return rules.withUnsafeBufferPointer { all in
            [Rule](unsafeUninitializedCapacity: matched.count) { out, initialized in
                for i in 0..<matched.count { (out.baseAddress! + i).initialize(to: all[Int(matched[i])]) }
                initialized = matched.count
            }
        }
    }
}

/// A `RuleMachine`'s per-event working memory (`RuleMachine.Scratch`). Not nested in the generic
/// machine: as a member of a generic class its state was read and written back whole around every
/// use, which copied each of its arrays once per event.
public final class RuleMachineScratch {
    var state: MatchState
    private let pool: ScratchPool?

    init(_ state: MatchState, pool: ScratchPool?) {
        self.state = state
        self.pool = pool
    }

    deinit {
        if pool?.put(state) != true { state.deallocate() }
    }
}

/// The memory of scratches no longer in use, for the next `makeScratch` (callers such as the event
/// bus make one per event, and a machine of 10,000 rules has 10,000 entries to size).
final class ScratchPool: Sendable {
    private let free = Mutex<[MatchState]>([])
    static let limit = 16

    func take() -> MatchState? { free.withLock { $0.popLast() } }

    /// Keeps `state` for the next scratch; false if the pool is full (the caller frees it).
    func put(_ state: MatchState) -> Bool {
        free.withLock {
            guard $0.count < Self.limit else { return false }
            $0.append(state)
            return true
        }
    }

    deinit {
        free.withLock { for state in $0 { state.deallocate() } }
    }
}

import CortadoJSON

@testable import CortadoEvents

/// The brute-force matcher the compiled `RuleMachine` is checked against: every rule, every branch,
/// every field, straight from the pattern's definition over the fully flattened event.
enum ReferenceMatcher {
    static func matches(_ pattern: EventPattern, _ event: JSON) -> Bool {
        let flat = FlatEvent(event)
        return pattern.branches.contains { branch in
            var choices: [FieldChoice] = []
            for field in branch.fields {
                let present = flat.entries.filter { $0.path == field.path }
                let satisfying = present.filter { entry in field.positive.contains { $0.matches(entry.leaf) } }
                if satisfying.isEmpty && !field.acceptsAbsence { return false }
                choices.append(
                    FieldChoice(options: satisfying.map(\.trail), acceptsAbsence: field.acceptsAbsence, present: present.map(\.trail)))
            }
            return chooseConsistent(choices)
        }
    }

    static func matchingRules<Rule>(_ rules: [(Rule, EventPattern)], _ event: JSON) -> [Rule] {
        rules.filter { matches($0.1, event) }.map(\.0)
    }
}

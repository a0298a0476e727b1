import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// Executions one call reads at most, whatever it finds: a search over 100,000 executions is many
    /// short calls, never one long one.
    static let searchBudget = 1000

    /// `SearchExecutions`, a Cortado extension for the console (docs/architecture/console.md): one machine's
    /// executions, newest first, whose name contains `name`, whose input or output contains `text` (both
    /// case-insensitive) and whose start lies between `startedAfter` and `startedBefore` (epoch seconds).
    /// Answers what it found, how many it read (`scanned`) and a `nextToken` to read on.
    func searchExecutions(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("stateMachineArn")
        let status = try Self.statusFilter(r)
        let name = try r.string("name")?.lowercased() ?? ""
        let text = try r.string("text")?.lowercased() ?? ""
        let after = try r.epochMilliseconds("startedAfter")
        let before = try r.epochMilliseconds("startedBefore")
        let wanted = try r.maxResults()
        var pageToken = try r.pageToken(max: 3096)
        let machine = try await requireStateMachine(arn)
        if machine.type == .express {
            throw AWSError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")
        }
        var found: [JSON] = []
        var scanned = 0
        var exhausted = false
        // Whole store pages only, so that the token always resumes where reading stopped.
        while found.count < wanted, scanned < Self.searchBudget {
            let page = try await store.listExecutions(
                stateMachineArn: machine.arn, status: status, limit: min(100, Self.searchBudget - scanned), pageToken: pageToken)
            scanned += page.items.count
            for e in page.items {
                if let before, e.startDate > before { continue }
                if let after, e.startDate < after {
                    exhausted = true  // newest first: everything after this started earlier still
                    break
                }
                if !name.isEmpty, !e.name.lowercased().contains(name) { continue }
                if !text.isEmpty, !e.input.lowercased().contains(text), !(e.output?.lowercased().contains(text) ?? false) {
                    continue
                }
                found.append(Self.listItem(e))
            }
            pageToken = page.nextToken
            if exhausted || pageToken == nil { break }
        }
        var answer: JSONObject = ["executions": .array(found), "scanned": .int(scanned)]
        if !exhausted, let next = pageToken { answer["nextToken"] = .string(next) }
        return .object(answer)
    }
}

extension Request {
    /// A timestamp member as AWS JSON sends it (epoch seconds, with a fraction or not), in epoch milliseconds.
    func epochMilliseconds(_ key: String) throws(AWSError) -> Int64? {
        guard let v = present(key) else { return nil }
        switch v {
        case .int(let i): return Int64(i) * 1000
        case .double(let d) where d.isFinite: return Int64((d * 1000).rounded())
        default: throw .serialization("Unexpected value for '\(key)': expected a timestamp, got \(v.typeName)")
        }
    }
}

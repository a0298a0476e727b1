import CortadoJSON
import CortadoLanguage
import CortadoStore

/// The index behind the console's callbacks inbox (docs/architecture/console.md): a `callback` record per
/// `.waitForTaskToken` task the engine dispatched, named by the dispatch time so the list reads oldest first.
///
/// Written before the runner sees the task, so a crash cannot lose a waiting token from the inbox. It is a
/// hint, never deleted on the hot path: readers check each record against its execution and remove the
/// stale ones.
enum WaitingCallbacks {
    static let kind = "callback"

    static func key(executionArn: String, taskID: Int) -> String { "\(executionArn)#\(taskID)" }

    /// Notes a dispatched callback task, once.
    static func note(_ task: TaskDispatch, executionArn arn: String, in engine: Engine) async {
        let key = key(executionArn: arn, taskID: task.taskID)
        let now = engine.clock.now()
        let document: JSON = ["executionArn": .string(arn), "taskID": .int(task.taskID)]
        do {
            // One write: a task dispatched again keeps the record (and the place) it already has.
            try await engine.store.createResource(
                ResourceRecord(kind: kind, arn: key, name: sortableTime(now), json: document.text, creationDate: now))
            engine.changes.publish("callbacks")
        } catch let error as StoreError where error.code == .resourceAlreadyExists {
            return
        } catch {
            // The task itself goes on: only the inbox misses it (the execution's page still lists it).
            engine.logger.warning("could not index the callback \(key): \(error)")
        }
    }

    /// Epoch milliseconds as text that sorts as the number does.
    static func sortableTime(_ ms: Int64) -> String {
        let digits = String(max(ms, 0))
        return String(repeating: "0", count: max(0, 15 - digits.count)) + digits
    }

    /// The indexed task of a record, if the record is well formed.
    static func task(of record: ResourceRecord) -> (executionArn: String, taskID: Int)? {
        guard let value = try? JSON(parsing: record.json), let arn = value["executionArn"]?.stringValue,
            case .int(let id)? = value["taskID"]
        else { return nil }
        return (arn, id)
    }
}

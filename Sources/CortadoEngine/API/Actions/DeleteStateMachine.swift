import CortadoJSON
import CortadoStore

extension StepFunctionsService {
    /// `DeleteStateMachine`: answers at once even if the machine is unknown, as AWS does.
    func deleteStateMachine(_ r: Request) async throws -> JSON {
        let arn = try r.requiredString("stateMachineArn")
        _ = try parseArn(arn, member: "stateMachineArn", types: ["stateMachine"])
        do {
            try await store.deleteStateMachine(arn: arn)
        } catch StoreError.Code.stateMachineDoesNotExist {}
        forgetStateMachine(arn)
        _ = try await store.deleteResource(kind: "tags", arn: arn)
        for kind in [Self.versionKind(arn), Self.aliasKind(arn)] {
            while true {
                let page = try await store.listResources(kind: kind, limit: 1000, pageToken: nil)
                if page.items.isEmpty { break }
                for item in page.items { _ = try await store.deleteResource(kind: kind, arn: item.arn) }
            }
        }
        return [:]
    }
}

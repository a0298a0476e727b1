import CortadoJSON
import CortadoStore
import CortadoTables

/// A service's actions by name, each taking the checked request.
typealias ActionTable<Service> = [String: @Sendable (Service, Request) async throws -> JSON]

/// Runs one action of a table with the body checked as a `Request`; every error comes back as an
/// `AWSError`: the service's own, a store error as `storeError` says, anything else `InternalFailure`.
/// Every JSON service (Step Functions, EventBridge, Logs) answers through this.
func runAction<Service>(
    _ action: String, body: JSON, on service: Service, in table: ActionTable<Service>,
    storeError: (StoreError) -> AWSError = { .internalFailure($0.message) }
) async -> Result<JSON, AWSError> {
    guard let run = table[action] else { return .failure(.unknownOperation(action)) }
    do {
        let request = try Request(body)
        return .success(try await run(service, request))
    } catch let e as AWSError {
        return .failure(e)
    } catch let e as TableError {
        return .failure(AWSError(e))
    } catch let e as StoreError {
        return .failure(storeError(e))
    } catch {
        return .failure(.internalFailure("\(error)"))
    }
}

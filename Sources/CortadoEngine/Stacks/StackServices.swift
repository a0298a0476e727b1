import CortadoJSON

/// The in-process services a stack's resources live in, and the handler for each resource type.
public struct StackServices: Sendable {
    let stepFunctions: StepFunctionsService
    let lambda: LambdaService
    let events: EventBusService
    let logs: LogsService
    let tables: DynamoDBService
    let s3: S3Service
    let routes: RoutesService

    public init(
        stepFunctions: StepFunctionsService, lambda: LambdaService, events: EventBusService, logs: LogsService,
        tables: DynamoDBService, s3: S3Service, routes: RoutesService
    ) {
        self.stepFunctions = stepFunctions
        self.lambda = lambda
        self.events = events
        self.logs = logs
        self.tables = tables
        self.s3 = s3
        self.routes = routes
    }

    /// The handler for a resource type; nil for a type Cortado does not make.
    func handler(for type: String) -> (any ResourceHandler)? {
        switch type {
        case "AWS::StepFunctions::StateMachine": StateMachineHandler(service: stepFunctions)
        case "AWS::Lambda::Function": FunctionHandler(lambda: lambda)
        case "AWS::Lambda::EventSourceMapping": EventSourceMappingHandler(lambda: lambda)
        case "AWS::Events::EventBus": EventBusHandler(events: events)
        case "AWS::Events::Rule": EventRuleHandler(events: events)
        case "AWS::Logs::LogGroup": LogGroupHandler(logs: logs)
        case "AWS::DynamoDB::Table": TableHandler(tables: tables)
        case "AWS::S3::Bucket": BucketHandler(s3: s3)
        case "Cortado::Api": ApiHandler(routes: routes)
        case "AWS::Lambda::Permission": AcceptedHandler(type: type)
        default: type.hasPrefix("AWS::IAM::") ? AcceptedHandler(type: type) : nil
        }
    }

    /// Makes a resource of `type`.
    public func create(
        _ logicalId: String, type: String, _ properties: JSONObject, _ stack: StackContext
    ) async throws(StackError) -> StackResource {
        guard let handler = handler(for: type) else { throw StackError(logicalId, "Cortado does not make resources of type \(type)") }
        return try await handler.create(logicalId, properties, stack)
    }

    public func update(
        _ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext
    ) async throws(StackError) -> StackResource {
        guard let handler = handler(for: old.type) else {
            throw StackError(old.logicalId, "Cortado does not make resources of type \(old.type)")
        }
        return try await handler.update(old, from: from, to: to, stack)
    }

    public func delete(_ resource: StackResource, _ properties: JSONObject, _ stack: StackContext) async throws(StackError) {
        guard let handler = handler(for: resource.type) else { return }
        try await handler.delete(resource, properties, stack)
    }
}

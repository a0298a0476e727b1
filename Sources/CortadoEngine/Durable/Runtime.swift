import CortadoStore
import Foundation
import Logging

/// The composition of a running server: the STANDARD engine on the given store, the EXPRESS engine in
/// memory, the Step Functions API, the task runners and the timer services.
public final class Runtime: Sendable {
    public let service: StepFunctionsService
    /// CloudWatch Logs: what log-group targets and functions write.
    public let logs: LogsService
    /// EventBridge: buses, rules, targets and delivery.
    public let events: EventBusService
    /// Lambda: functions, their host and the asynchronous queue.
    public let lambda: LambdaService
    /// DynamoDB: tables and their items.
    public let tables: DynamoDBService
    /// S3: buckets and objects, the bytes as files under the object directory.
    public let s3: S3Service
    /// DynamoDB Streams' API, and the functions stream records trigger.
    public let streams: DynamoDBStreamsService
    public let streamTriggers: StreamTriggers
    /// The HTTP APIs stacks made: routes to functions and state machines.
    public let routes: RoutesService
    /// Every service a stack's resources live in, with a handler per resource type.
    public var stackServices: StackServices { stacks.services }
    /// Stacks: templates deployed through the services above, and CloudFormation's actions over them.
    public let stacks: StackService
    public let cloudFormation: CloudFormationService
    public let logger: Logger
    public let timers: [TimerService]
    /// What changed, for the console's change stream: every service here publishes to this one feed.
    public let changes: ChangeFeed

    public init(
        store: any ExecutionStore, clock: any EngineClock, tokens: TaskTokens, configuration: EngineConfiguration,
        functions: FunctionHost.Options = FunctionHost.Options(), codeDirectory: URL? = nil, items: (any ItemStore)? = nil,
        objectDirectory: URL? = nil, objects: S3Service.Options = S3Service.Options(), logger: Logger = Logger(label: "cortado")
    ) {
        let activities = ActivityBroker()
        let changes = ChangeFeed()
        self.changes = changes
        let standard = Engine(
            store: store, clock: clock, tokens: tokens, configuration: configuration, executionType: .standard,
            activities: activities, logger: logger, changes: changes)
        let express = Engine(
            store: ExpressStore(definitions: store), clock: clock, tokens: tokens, configuration: configuration,
            executionType: .express, activities: activities, logger: logger, changes: changes)
        standard.link(express)
        express.link(standard)
        service = StepFunctionsService(engine: standard, express: express)
        logs = LogsService(store: store, clock: clock, configuration: configuration, changes: changes)
        let code =
            codeDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cortado-functions-\(UUID().uuidString.lowercased())")
        lambda = LambdaService(
            store: store, clock: clock, configuration: configuration, logs: logs, codeDirectory: code, options: functions, logger: logger)
        events = EventBusService(
            store: store, clock: clock, configuration: configuration, stepFunctions: service, logs: logs, lambda: lambda)
        s3 = S3Service(
            store: store, clock: clock, configuration: configuration,
            objectDirectory: objectDirectory
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("cortado-objects-\(UUID().uuidString.lowercased())"),
            options: objects, logger: logger)
        let invoke = LambdaInvoke(lambda: lambda)
        // Items live in the execution store's database when it can hold them (SQLite does).
        tables = DynamoDBService(
            store: store, items: items ?? (store as? any ItemStore) ?? InMemoryItemStore(), clock: clock, configuration: configuration)
        let dynamodb = DynamoDBIntegration(tables: tables)
        streams = DynamoDBStreamsService(tables: tables)
        streamTriggers = StreamTriggers(tables: tables, lambda: lambda, logger: logger)
        for engine in [standard, express] {
            engine.register(EventBridgePutEvents(bus: events))
            engine.register(invoke)
            engine.register(dynamodb)
        }
        let sfn = StepFunctionsIntegration(service: service)
        for engine in [standard, express] {
            engine.register(ActivityRunner())
            engine.register(sfn)
            engine.register(S3Integration(s3: s3))
            engine.register(DistributedMapS3(s3: s3))
        }
        let objects = s3
        lambda.connectObjects { bucket, key in await objects.objectBytes(bucket: bucket, key: key) }
        routes = RoutesService(store: store, stepFunctions: service, lambda: lambda, clock: clock, configuration: configuration)
        stacks = StackService(
            store: store,
            services: StackServices(
                stepFunctions: service, lambda: lambda, events: events, logs: logs, tables: tables, s3: s3, routes: routes),
            clock: clock, region: configuration.region, account: configuration.account)
        cloudFormation = CloudFormationService(stacks: stacks)
        timers = [TimerService(engine: standard), TimerService(engine: express)]
        self.logger = logger
    }

    /// Loads the event buses, then dispatches tasks and events committed before a restart but never delivered.
    public func recover() async throws {
        for page in try await allActivities() { service.engine.activities.register(activityArn: page) }
        try await lambda.recover()
        try s3.recover()
        try await routes.recover()
        try await stacks.recover()
        try await events.recover()
        try await service.engine.recover()
    }

    func allActivities() async throws -> [String] {
        try await service.store.allResources(kind: "activity").map(\.arn)
    }

    /// Stops what runs beside the engines: function processes, event delivery.
    public func shutdown() {
        lambda.shutdown()
        events.shutdown()
    }

    /// Delivers every timer due now on both engines (tests drive time by hand with this).
    public func fireDueTimers() async {
        for t in timers { await t.fireDue() }
    }
}

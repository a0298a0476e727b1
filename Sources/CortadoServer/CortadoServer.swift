import CortadoEngine
import CortadoStore
import Hummingbird
import Logging
import ServiceLifecycle

/// The composition of a running server: the STANDARD engine on the given store, the EXPRESS engine in
/// memory, the Step Functions API, the task runners and the timer services.
public final class CortadoServer: Sendable {
    public let service: StepFunctionsService
    public let logger: Logger
    let timers: [TimerService]

    public init(
        store: any ExecutionStore, clock: any EngineClock, tokens: TaskTokens, configuration: EngineConfiguration,
        logger: Logger = Logger(label: "cortado")
    ) {
        let activities = ActivityBroker()
        let standard = Engine(
            store: store, clock: clock, tokens: tokens, configuration: configuration, executionType: .standard,
            activities: activities, logger: logger)
        let express = Engine(
            store: ExpressStore(definitions: store), clock: clock, tokens: tokens, configuration: configuration,
            executionType: .express, activities: activities, logger: logger)
        standard.link(express)
        express.link(standard)
        service = StepFunctionsService(engine: standard, express: express)
        let sfn = StepFunctionsIntegration(service: service)
        for engine in [standard, express] {
            engine.register(ActivityRunner())
            engine.register(sfn)
            engine.register(EventBridgePutEvents())
        }
        timers = [TimerService(engine: standard), TimerService(engine: express)]
        self.logger = logger
    }

    /// Dispatches tasks committed before a restart but never delivered.
    public func recover() async throws {
        try await service.engine.recover()
    }

    /// Delivers every timer due now on both engines (tests drive time by hand with this).
    public func fireDueTimers() async {
        for t in timers { await t.fireDue() }
    }

    /// The Hummingbird application serving every surface on one port, with the timer services.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        let router = CortadoHTTP.router(services: ["AWSStepFunctions": service])
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "cortado"),
            services: timers.map { TimerLifecycleService($0) }, logger: logger)
    }
}

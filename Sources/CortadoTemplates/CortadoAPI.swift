/// The internal resource type the SAM transform makes for `AWS::Serverless::Api`, `AWS::Serverless::HttpApi` and
/// the implicit `ServerlessRestApi`/`ServerlessHttpApi`: routes as plain data the stack engine serves.
///
/// Properties: `Name`, `Protocol` (`REST` or `HTTP`), `StageName` and `Routes`, each
/// `{Method, Path, Target}` with `Target` either `{Type: "Function", Function: <function ARN>}` or
/// `{Type: "StartExecution", StateMachine: <state machine ARN>}`. A template cannot declare it itself.
public enum CortadoAPI {
    public static let type = "Cortado::Api"
}

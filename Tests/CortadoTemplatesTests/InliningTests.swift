import CortadoJSON
import Testing

@testable import CortadoTemplates

struct InliningTests {
    static let template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Table: {Type: AWS::DynamoDB::Table}
          Flow:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: statemachine/flow.asl.yaml
              DefinitionSubstitutions:
                TableName: !Ref Table
        """

    @Test func localDefinitionIsInlinedWithItsSubstitutions() throws {
        var plan = try plan(Self.template)
        #expect(plan.localArtifacts == [LocalArtifact(logicalId: "Flow", property: "DefinitionUri", path: "statemachine/flow.asl.yaml")])
        try plan.inlineDefinition(
            of: "Flow",
            text: "StartAt: Put\nStates:\n  Put:\n    Type: Pass\n    Result: {table: '${TableName}', other: '${Other}'}\n    End: true\n")
        let flow = try #require(plan.resources.first { $0.logicalId == "Flow" })
        #expect(flow.properties["DefinitionUri"] == nil)
        #expect(plan.localArtifacts.isEmpty)
        let resolved = try plan.resolver(resources: ["Table": (ref: "orders", attributes: [:])]).resolve(
            flow.properties["DefinitionString"]!)
        let definition = try JSON(parsing: try #require(resolved.stringValue))
        #expect(definition["States"]?["Put"]?["Result"] == ["table": "orders", "other": "${Other}"])
    }

    @Test func badDefinitionFileIsLocated() throws {
        var plan = try plan(Self.template)
        #expect(throws: TemplateError.self) { try plan.inlineDefinition(of: "Flow", text: "[1, 2]") }
        #expect(throws: TemplateError(location: "Resources/Table", message: "not a state machine with a local DefinitionUri")) {
            try plan.inlineDefinition(of: "Table", text: "{}")
        }
    }
}

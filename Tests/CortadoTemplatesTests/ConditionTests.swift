import CortadoJSON
import Foundation
import Testing

@testable import CortadoTemplates

struct ConditionTests {
    static let template = """
        Parameters:
          Env: {Type: String, Default: dev}
          Memory: {Type: Number, Default: 256}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsDev: !Not [!Condition IsProd]
          BigMemory: !Equals [!Ref Memory, 256]
          DevAndBig: !And [!Condition IsDev, !Condition BigMemory]
          ProdOrBig: !Or [!Condition IsProd, !Condition BigMemory]
        Resources:
          ProdBucket:
            Type: AWS::S3::Bucket
            Condition: IsProd
          DevBucket:
            Type: AWS::S3::Bucket
            Condition: IsDev
            Properties:
              BucketName: !If [IsProd, !Ref ProdBucket, dev-bucket]
        Outputs:
          Prod:
            Condition: IsProd
            Value: !Ref ProdBucket
          Dev:
            Value: !Ref DevBucket
        """

    @Test func conditionsAreEvaluated() throws {
        let plan = try plan(Self.template)
        #expect(plan.conditions == ["IsProd": false, "IsDev": true, "BigMemory": true, "DevAndBig": true, "ProdOrBig": true])
    }

    @Test func falseConditionsLeaveResourcesAndOutputsOut() throws {
        let dev = try plan(Self.template)
        #expect(dev.resources.map(\.logicalId) == ["DevBucket"])
        #expect(dev.outputs.map(\.name) == ["Dev"])
        let prod = try plan(Self.template.replacingOccurrences(of: "    Condition: IsDev\n", with: ""), parameters: ["Env": "prod"])
        #expect(prod.resources.map(\.logicalId) == ["ProdBucket", "DevBucket"])
        #expect(prod.resources[1].dependencies == ["ProdBucket"])
        #expect(prod.outputs.map(\.name) == ["Prod", "Dev"])
    }

    @Test func referenceToAResourceLeftOutIsAnError() throws {
        let text = Self.template.replacingOccurrences(of: "dev-bucket]", with: "dev-bucket]\n      Tag: !Ref ProdBucket")
        let error = try #require(planError(text))
        #expect(error.location == "Resources/DevBucket/Properties/Tag")
        #expect(error.message == "Ref to 'ProdBucket', which is not created: its condition 'IsProd' is false")
    }

    @Test func circularConditionIsAnError() throws {
        let error = try #require(
            planError("Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  Thing: {Type: AWS::S3::Bucket}\n"))
        #expect(error.message == "circular condition: A → B → A")
    }

    @Test func unknownConditionIsAnError() throws {
        let error = try #require(planError("Resources:\n  Thing: {Type: AWS::S3::Bucket, Condition: Nope}\n"))
        #expect(error.location == "Resources/Thing/Condition")
    }
}

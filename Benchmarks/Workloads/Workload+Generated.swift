import CortadoJSON

/// The three workloads, generated so their size is a parameter; expected results are computed
/// alongside rather than recorded.
extension Workload {
    public static var generated: [Workload] {
        [
            passChain(states: 1_000), passChainJSONata(states: 1_000), choiceLoop(iterations: 50),
            parallelMap(branches: 4, items: 10),
        ]
    }

    /// `passChain` written in JSONata: each state's `Output` builds the same value from `$states.input`
    /// (field lookups and an addition), so the two figures compare the query languages state for state.
    public static func passChainJSONata(states count: Int) -> Workload {
        var states = JSONObject(minimumCapacity: count)
        for i in 0..<count {
            var state: JSONObject = [
                "Type": "Pass",
                "Output": [
                    "payload": "{% $states.input.payload %}",
                    "cur": [
                        "step": "{% $states.input.cur.step + 1 %}",
                        "v": "{% $states.input.cur.v %}",
                        "prev": "{% $states.input.cur.step %}",
                    ],
                ],
            ]
            if i + 1 < count { state.append("Next", .string("P\(i + 1)")) } else { state.append("End", true) }
            states.append("P\(i)", .object(state))
        }
        let definition: JSON = ["QueryLanguage": "JSONata", "StartAt": "P0", "States": .object(states)]
        return Workload(
            name: "pass_chain_jsonata_\(count)",
            definition: definition.text,
            input: ["payload": ["orderId": "o-1"], "cur": ["step": 0, "v": 7]],
            expectedOutput: ["payload": ["orderId": "o-1"], "cur": ["step": .int(count), "v": 7, "prev": .int(count - 1)]],
            expectedStateEntered: count)
    }

    /// `states` Pass states in a row; each builds the next `$.cur` with Parameters (a path, an intrinsic)
    /// and merges it back with `ResultPath`.
    public static func passChain(states count: Int) -> Workload {
        var states = JSONObject(minimumCapacity: count)
        for i in 0..<count {
            var state: JSONObject = [
                "Type": "Pass",
                "Parameters": [
                    "step.$": "States.MathAdd($.cur.step, 1)",
                    "v.$": "$.cur.v",
                    "prev.$": "$.cur.step",
                ],
                "ResultPath": "$.cur",
            ]
            if i + 1 < count { state.append("Next", .string(name(i + 1))) } else { state.append("End", true) }
            states.append(name(i), .object(state))
        }
        let definition: JSON = ["StartAt": .string(name(0)), "States": .object(states)]
        return Workload(
            name: "pass_chain_\(count)",
            definition: definition.text,
            input: ["payload": ["orderId": "o-1"], "cur": ["step": 0, "v": 7]],
            expectedOutput: ["payload": ["orderId": "o-1"], "cur": ["step": .int(count), "v": 7, "prev": .int(count - 1)]],
            expectedStateEntered: count)

        func name(_ i: Int) -> String { "P\(i)" }
    }

    /// A counter loop: a Choice on `$.i` and a Pass adding with `States.MathAdd`, `iterations` rounds.
    public static func choiceLoop(iterations: Int) -> Workload {
        let definition: JSON = [
            "StartAt": "Init",
            "States": [
                "Init": ["Type": "Pass", "Parameters": ["i": 0, "sum": 0], "Next": "Check"],
                "Check": [
                    "Type": "Choice",
                    "Choices": [["Variable": "$.i", "NumericLessThan": .int(iterations), "Next": "Incr"]],
                    "Default": "Done",
                ],
                "Incr": [
                    "Type": "Pass",
                    "Parameters": ["i.$": "States.MathAdd($.i, 1)", "sum.$": "States.MathAdd($.sum, $.i)"],
                    "Next": "Check",
                ],
                "Done": ["Type": "Succeed"],
            ],
        ]
        return Workload(
            name: "choice_loop_\(iterations)",
            definition: definition.text,
            input: [:],
            expectedOutput: ["i": .int(iterations), "sum": .int(iterations * (iterations - 1) / 2)],
            // Init, then Check and Incr each round, then the last Check and Done.
            expectedStateEntered: 1 + 2 * iterations + 2)
    }

    /// A Parallel of `branches` branches, each an inline Map over `items` items with one Pass per item.
    public static func parallelMap(branches: Int, items: Int) -> Workload {
        let branchDefinitions: [JSON] = (0..<branches).map { b in
            [
                "StartAt": .string("Map\(b)"),
                "States": [
                    "Map\(b)": [
                        "Type": "Map",
                        "ItemsPath": "$.items",
                        "ItemSelector": ["value.$": "$$.Map.Item.Value", "branch": .int(b)],
                        "ItemProcessor": [
                            "ProcessorConfig": ["Mode": "INLINE"],
                            "StartAt": "Double",
                            "States": [
                                "Double": [
                                    "Type": "Pass",
                                    "Parameters": ["branch.$": "$.branch", "v.$": "States.MathAdd($.value, $.value)"],
                                    "End": true,
                                ]
                            ],
                        ],
                        "End": true,
                    ]
                ],
            ]
        }
        let definition: JSON = [
            "StartAt": "Fan",
            "States": ["Fan": ["Type": "Parallel", "Branches": .array(branchDefinitions), "End": true]],
        ]
        let values = (1...items).map { JSON.int($0) }
        let output = (0..<branches).map { b in JSON.array(values.map { v in ["branch": .int(b), "v": .int(2 * v.intValue!)] }) }
        return Workload(
            name: "parallel_\(branches)x\(items)",
            definition: definition.text,
            input: ["items": .array(values)],
            expectedOutput: .array(output),
            // The Parallel, each branch's Map, each item's Pass.
            expectedStateEntered: 1 + branches + branches * items)
    }
}

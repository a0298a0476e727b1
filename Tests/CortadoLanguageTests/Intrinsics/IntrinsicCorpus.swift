// Data from github.com/localstack/localstack commit 8b9a79f05846835cf4dff63ab7eefdde9df83783 (Apache-2.0),
// recorded against AWS; see Tests/CortadoEngineTests/Fixtures/sfn/LICENSE-localstack.txt
// (tests/aws/services/stepfunctions/v2/intrinsic_functions, via corpus/sfn/cases/intrinsic_functions).
// Generated once from the corpus; do not edit by hand. Each case: the Pass state's Parameters,
// its InputPath, the execution input, the context values read, and the output AWS produced
// (nil where the recording masked it). The state machine name is restored where the snapshot
// tool had replaced it with a placeholder.

enum IntrinsicCorpus {
    /// 109 recorded cases; 12 others in the folder use JSONata.
    static let cases: [IntrinsicCase] = [
        IntrinsicCase(
            name: #"array__test_array_0"#,
            parameters: #"{"FunctionResult.$":"States.Array()"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"HelloWorld"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"HelloWorld"},"Name":"460ad924-ca56-0168-c170-a4198174ff7b"},"StateMachine":{"Name":"statemachine_f31bcf9d"}}"#,
            expectedOutput: #"{"FunctionResult":[]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"","snd":""}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"","snd":""}},"Name":"ba41ff22-d143-1af9-1d57-724caeb3e17f"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":["",""]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":" ","snd":" "}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":" ","snd":" "}},"Name":"60bd2ffd-907f-bb30-ecb4-462436af4eac"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":[" "," "]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_2"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"HelloWorld","snd":"HelloWorld"}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"HelloWorld","snd":"HelloWorld"}},"Name":"0f5ee4e8-5b13-4ae6-4c27-a8dbb5a1675e"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":["HelloWorld","HelloWorld"]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_3"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":null,"snd":null}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":null,"snd":null}},"Name":"ffa4abda-5273-e5eb-e6d7-b2967d1483ed"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":[null,null]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_4"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1,"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1,"snd":1}},"Name":"5ea0aa48-79d6-294d-8295-cb4228885d38"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":[1,1]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_5"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.1,"snd":1.1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.1,"snd":1.1}},"Name":"bd401a6c-79a2-c024-fec1-19a3a01df8d4"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":[1.1,1.1]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_6"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"{\"Arg1\": 1, \"Arg2\": []}","snd":"{\"Arg1\": 1, \"Arg2\": []}"}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"{\"Arg1\": 1, \"Arg2\": []}","snd":"{\"Arg1\": 1, \"Arg2\": []}"}},"Name":"3cfaa356-8ba4-5d17-5602-d7c800c33019"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":["{\"Arg1\": 1, \"Arg2\": []}","{\"Arg1\": 1, \"Arg2\": []}"]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_2__exec_hist_resp_7"#,
            parameters: #"{"FunctionResult.$":"States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":{"Arg1":1,"Arg2":[]},"snd":{"Arg1":1,"Arg2":[]}}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":{"Arg1":1,"Arg2":[]},"snd":{"Arg1":1,"Arg2":[]}}},"Name":"5f3cbdd4-3864-fc96-85a3-c5413fe551b3"},"StateMachine":{"Name":"statemachine_eaf4e5e6"}}"#,
            expectedOutput: #"{"FunctionResult":[{"Arg1":1,"Arg2":[]},{"Arg1":1,"Arg2":[]}]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":null}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":null}},"Name":"f99b752d-4568-2d71-0ece-133a28f7d57a"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":false}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":[]}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":[]}},"Name":"8d2c17aa-eeac-7d35-574b-dff196e196e0"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":false}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_2"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":1}},"Name":"f10a28ca-9de8-7e4c-b44b-8c52ddedab9c"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":false}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_3"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[[1,2,3],2],"snd":null}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[[1,2,3],2],"snd":null}},"Name":"ca939bd6-0de3-8c26-5e53-70790db7deb1"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":false}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_4"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[[1,2,3],2],"snd":[1,2,3]}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[[1,2,3],2],"snd":[1,2,3]}},"Name":"5f8a044f-da2c-7b39-fd6e-6ce3c037ecf6"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":true}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_5"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[{"1":2,"2":[]}],"snd":[]}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[{"1":2,"2":[]}],"snd":[]}},"Name":"f45ad25a-b06a-11c9-5d32-7cf8647a2d23"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":false}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_6"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[{"1":2,"2":[]}],"snd":{"1":2,"2":[]}}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[{"1":2,"2":[]}],"snd":{"1":2,"2":[]}}},"Name":"64c18e0f-25af-0c99-5f07-951a0876d820"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":true}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_7"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[true,false],"snd":true}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[true,false],"snd":true}},"Name":"667465aa-049d-ee92-474c-08762f10883b"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":true}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_contains__exec_hist_resp_8"#,
            parameters: #"{"FunctionResult.$":"States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[true,false],"snd":false}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[true,false],"snd":false}},"Name":"dae6d2af-bf37-ccc9-9d66-92e78d5c0123"},"StateMachine":{"Name":"statemachine_7e69b94e"}}"#,
            expectedOutput: #"{"FunctionResult":true}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_get_item"#,
            parameters: #"{"FunctionResult.$":"States.ArrayGetItem($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[1,2,3,4,5,6,7,8,9],"snd":5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[1,2,3,4,5,6,7,8,9],"snd":5}},"Name":"9af84387-0d66-715c-cb13-600a26155f94"},"StateMachine":{"Name":"statemachine_302501b3"}}"#,
            expectedOutput: #"{"FunctionResult":6}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_length"#,
            parameters: #"{"FunctionResult.$":"States.ArrayLength($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":[1,2,3,4,5,6,7,8,9]}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":[1,2,3,4,5,6,7,8,9]},"Name":"f8562650-765a-5dfc-51c3-0ebac42f64ed"},"StateMachine":{"Name":"statemachine_92dd5e30"}}"#,
            expectedOutput: #"{"FunctionResult":9}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":1}},"Name":"8a9ee1c2-d713-5834-df79-72bba9e795cf"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":2}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":2}},"Name":"8948641f-0ba4-77a7-2293-f12a3bf8252c"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_10"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1],"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1],"snd":1}},"Name":"ead551b1-a3a5-9043-9147-5527922c9ee6"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0],[1]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_11"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1],"snd":2}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1],"snd":2}},"Name":"b1fc9876-ce3e-45c5-5ea6-7014f96de3aa"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_12"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1],"snd":3}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1],"snd":3}},"Name":"6e269f1a-cf0a-3ea5-f85b-a50494927942"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_13"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1],"snd":4}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1],"snd":4}},"Name":"cb12b8fe-d9d0-834a-addf-915ec6763b70"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_14"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1],"snd":5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1],"snd":5}},"Name":"974584c3-013e-f0e8-4030-36eaeb7b7d2a"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_15"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2],"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2],"snd":1}},"Name":"32c3a2a5-ec68-a953-d59a-30d8f7170361"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0],[1],[2]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_16"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2],"snd":2}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2],"snd":2}},"Name":"6a9074d2-3bc6-a7b6-3f70-d202b6d4776d"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1],[2]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_17"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2],"snd":3}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2],"snd":3}},"Name":"d6ccd640-e26f-5014-840a-d84a1133ae55"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1,2]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_18"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2],"snd":4}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2],"snd":4}},"Name":"128ada50-d4ad-161f-3a19-4cd648a4f28e"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1,2]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_19"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2],"snd":5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2],"snd":5}},"Name":"2a40b03b-ee67-d334-6020-d356f5c7e241"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1,2]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_2"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":3}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":3}},"Name":"c055137b-870f-f1fe-dd3e-12461a6b30e3"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_20"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2,3],"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2,3],"snd":1}},"Name":"02fd23cb-6d1f-626e-69c4-5b23c2d467e8"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0],[1],[2],[3]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_21"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2,3],"snd":2}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2,3],"snd":2}},"Name":"a230174c-a759-6f45-2ebd-a584e59dd694"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1],[2,3]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_22"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2,3],"snd":3}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2,3],"snd":3}},"Name":"0b87fe05-7767-e691-96c6-781b12e32823"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1,2],[3]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_23"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2,3],"snd":4}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2,3],"snd":4}},"Name":"e9e34d7d-de68-db07-a4c0-4ecf716bfc21"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1,2,3]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_24"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0,1,2,3],"snd":5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0,1,2,3],"snd":5}},"Name":"d948dbc3-8940-87cf-d495-99c425fa1a8b"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0,1,2,3]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_3"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":4}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":4}},"Name":"d5e32a78-019e-cd98-d452-e87a2f10fe9e"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_4"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[],"snd":5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[],"snd":5}},"Name":"2dab41e5-0ccb-0480-98fa-53d0a319ea81"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_5"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0],"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0],"snd":1}},"Name":"a6d6d1d6-e24f-d4f4-5dd0-0a410f2abb92"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_6"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0],"snd":2}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0],"snd":2}},"Name":"3394537f-33e8-364f-7494-90382dda70e4"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_7"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0],"snd":3}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0],"snd":3}},"Name":"2785a0de-b7ad-2483-5671-0190c5c2d90c"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_8"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0],"snd":4}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0],"snd":4}},"Name":"4d5d6476-91e5-077d-7ac2-182eb97692a9"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_partition__exec_hist_resp_9"#,
            parameters: #"{"FunctionResult.$":"States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":[0],"snd":5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":[0],"snd":5}},"Name":"9d54e8b4-ab2e-bf00-9515-b9e013ee297b"},"StateMachine":{"Name":"statemachine_65ed2847"}}"#,
            expectedOutput: #"{"FunctionResult":[[0]]}"#
        ),
        IntrinsicCase(
            name: #"array__test_array_unique"#,
            parameters: #"{"FunctionResult.$":"States.ArrayLength($.FunctionInput)"}"#,
            inputPath: nil,
            input:
                #"{"FunctionInput":[null,null,true,true,false,false,1,1,1.1,0,0,"HelloWorld","HelloWorld",[],[],[null],[null],{"a":1,"b":2},{"a":1,"b":2},{"a":1,"b":1}]}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":[null,null,true,true,false,false,1,1,1.1,0,0,"HelloWorld","HelloWorld",[],[],[null],[null],{"a":1,"b":2},{"a":1,"b":2},{"a":1,"b":1}]},"Name":"7608c0f3-410d-624e-ed7e-39c250418c70"},"StateMachine":{"Name":"statemachine_b601786d"}}"#,
            expectedOutput: #"{"FunctionResult":20}"#
        ),
        IntrinsicCase(
            name: #"encode_decode__test_base_64_decode__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.Base64Decode($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":""}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":""},"Name":"190d5cb8-e1b7-f6a9-7749-13a4d6c46741"},"StateMachine":{"Name":"statemachine_6bd1f2c5"}}"#,
            expectedOutput: #"{"FunctionResult":""}"#
        ),
        IntrinsicCase(
            name: #"encode_decode__test_base_64_decode__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.Base64Decode($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"RGF0YSB0byBlbmNvZGU="}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"RGF0YSB0byBlbmNvZGU="},"Name":"414d1f9f-ae61-02e8-a9ff-61b0cbc84256"},"StateMachine":{"Name":"statemachine_6bd1f2c5"}}"#,
            expectedOutput: #"{"FunctionResult":"Data to encode"}"#
        ),
        IntrinsicCase(
            name: #"encode_decode__test_base_64_encode__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.Base64Encode($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":""}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":""},"Name":"29a5e32b-b492-d452-1b48-464dfe5eae21"},"StateMachine":{"Name":"statemachine_abffab8a"}}"#,
            expectedOutput: #"{"FunctionResult":""}"#
        ),
        IntrinsicCase(
            name: #"encode_decode__test_base_64_encode__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.Base64Encode($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"Data to encode"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"Data to encode"},"Name":"b5f04d48-884e-8579-3a8a-6fce8723939c"},"StateMachine":{"Name":"statemachine_abffab8a"}}"#,
            expectedOutput: #"{"FunctionResult":"RGF0YSB0byBlbmNvZGU="}"#
        ),
        IntrinsicCase(
            name: #"generic__test_escape_sequence"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit('Hello\nWorld', '\n')"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":null}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":null},"Name":"1b8f0792-ce76-5290-16ca-69e7a3ad6fa7"},"StateMachine":{"Name":"statemachine_3ffced3b"}}"#,
            expectedOutput: #"{"FunctionResult":["Hello","World"]}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_0"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"","snd":""}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"","snd":""}},"Name":"87699ac5-2cab-d3f9-5f67-9a2f138c1fb9"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput: #"{"FunctionResult":"Formatting arguments fst= and snd=."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_1"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":" ","snd":" "}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":" ","snd":" "}},"Name":"37d5834d-99a1-ab3a-33b5-d2c485d833c1"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput: #"{"FunctionResult":"Formatting arguments fst=  and snd= ."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_2"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"HelloWorld","snd":"HelloWorld"}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"HelloWorld","snd":"HelloWorld"}},"Name":"2e3fa07f-38f7-16cb-0070-3b8e879a7b2b"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput: #"{"FunctionResult":"Formatting arguments fst=HelloWorld and snd=HelloWorld."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_3"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":null,"snd":null}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":null,"snd":null}},"Name":"c8b3316e-0dd0-4c62-1090-cbe3ba7144bb"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput: #"{"FunctionResult":"Formatting arguments fst=null and snd=null."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_4"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1,"snd":1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1,"snd":1}},"Name":"f6869a6b-0b9e-36b8-76d3-6078e36a1f45"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput: #"{"FunctionResult":"Formatting arguments fst=1 and snd=1."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_5"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.1,"snd":1.1}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.1,"snd":1.1}},"Name":"f0ed52be-3986-702a-e85a-f1354b396f42"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput: #"{"FunctionResult":"Formatting arguments fst=1.1 and snd=1.1."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_6"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"{\"Arg1\": 1, \"Arg2\": []}","snd":"{\"Arg1\": 1, \"Arg2\": []}"}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"{\"Arg1\": 1, \"Arg2\": []}","snd":"{\"Arg1\": 1, \"Arg2\": []}"}},"Name":"399cc5fa-62ab-b14b-548b-3cff92020b02"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput:
                #"{"FunctionResult":"Formatting arguments fst={\"Arg1\": 1, \"Arg2\": []} and snd={\"Arg1\": 1, \"Arg2\": []}."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_format_2__exec_hist_resp_7"#,
            parameters:
                #"{"FunctionResult.$":"States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":{"Arg1":1,"Arg2":[]},"snd":{"Arg1":1,"Arg2":[]}}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":{"Arg1":1,"Arg2":[]},"snd":{"Arg1":1,"Arg2":[]}}},"Name":"d880952b-f07c-d746-3811-1c6cb26b7391"},"StateMachine":{"Name":"statemachine_b9c1a71e"}}"#,
            expectedOutput: #"{"FunctionResult":"Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}."}"#
        ),
        IntrinsicCase(
            name: #"generic__test_nested_calls_1"#,
            parameters: #"{"FunctionResult.$":"States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":null}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":null},"Name":"bf3493f2-7996-5b66-bd35-512f9fd3f1a1"},"StateMachine":{"Name":"statemachine_e37d1cc1"}}"#,
            expectedOutput: #"{"FunctionResult":"statemachine_e37d1cc1"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_merge"#,
            parameters: #"{"FunctionResult.$":"States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":{"a":{"a1":1,"a2":2},"b":2,"d":3},"snd":{"a":{"a3":1,"a4":2},"c":3,"d":4}}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":{"a":{"a1":1,"a2":2},"b":2,"d":3},"snd":{"a":{"a3":1,"a4":2},"c":3,"d":4}}},"Name":"f1f164a0-d5ce-87cb-dbeb-56bb0a6f2b48"},"StateMachine":{"Name":"statemachine_e955b23f"}}"#,
            expectedOutput: #"{"FunctionResult":{"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4}}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":null}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":null},"Name":"9bcb59ef-3ff6-956b-83b6-2d86da9095be"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"null"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":0}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":0},"Name":"4f39c5b1-f894-3784-a636-abb5914072d9"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"0"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_2"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":1}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":1},"Name":"b1e554e3-0ac3-3c88-6408-3e3ed0569226"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"1"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_3"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":1.1}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":1.1},"Name":"ff77fe62-9e60-c824-f6eb-897d4def71f1"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"1.1"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_4"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":true}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":true},"Name":"62e58d5a-3043-e297-1666-b93243ba302b"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"true"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_5"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"HelloWorld"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"HelloWorld"},"Name":"9c788545-bf00-d9d0-0d11-7f6277bab26b"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"\"HelloWorld\""}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_6"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":[1,2,"HelloWorld"]}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":[1,2,"HelloWorld"]},"Name":"932c2f08-3d04-cec0-7188-bf79726e3246"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"[1,2,\"HelloWorld\"]"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_json_to_string__exec_hist_resp_7"#,
            parameters: #"{"FunctionResult.$":"States.JsonToString($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"Arg1":1,"Arg2":[]}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"Arg1":1,"Arg2":[]}},"Name":"b939243f-38b1-f180-467e-2fb0b55c8802"},"StateMachine":{"Name":"statemachine_42c746a6"}}"#,
            expectedOutput: #"{"FunctionResult":"{\"Arg1\":1,\"Arg2\":[]}"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":""}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":""},"Name":"6bbb374f-3631-d362-edc9-dc39716c6e49"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":null}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":" "}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":" "},"Name":"0a23f274-b878-22e9-0b66-ece54e276d73"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":null}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_2"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"null"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"null"},"Name":"d4125169-ae3f-6958-af37-05138d350c0a"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":null}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_3"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"-0"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"-0"},"Name":"0bf3d725-8c7a-7216-50ac-aaa29d46a18b"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":0}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_4"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"1"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"1"},"Name":"b85263b2-54f6-0ddf-0d6c-cec2e992f957"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":1}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_5"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"1.1"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"1.1"},"Name":"8371549f-6841-bd13-677f-87026e4926ad"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":1.1}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_6"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"true"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"true"},"Name":"0a77bd84-9f99-f4e5-d0a4-6d931318a876"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":true}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_7"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"\"HelloWorld\""}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"\"HelloWorld\""},"Name":"af0c066a-7124-e176-c87e-c51b989f87e3"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":"HelloWorld"}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_8"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"[1, 2, \"HelloWorld\"]"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"[1, 2, \"HelloWorld\"]"},"Name":"67379d07-002b-e7eb-6f87-57e9d2e3a1ce"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":[1,2,"HelloWorld"]}"#
        ),
        IntrinsicCase(
            name: #"json_manipulation__test_string_to_json__exec_hist_resp_9"#,
            parameters: #"{"FunctionResult.$":"States.StringToJson($.FunctionInput)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"{\"Arg1\": 1, \"Arg2\": []}"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"{\"Arg1\": 1, \"Arg2\": []}"},"Name":"e90e03a3-5d22-b6e3-1e29-414bad172319"},"StateMachine":{"Name":"statemachine_1477faf7"}}"#,
            expectedOutput: #"{"FunctionResult":{"Arg1":1,"Arg2":[]}}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-9,"snd":3}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-9,"snd":3}},"Name":"30a59bfd-0145-985c-0530-a65601b42358"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-6}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.49,"snd":1.5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.49,"snd":1.5}},"Name":"f21069a3-2200-c463-064c-61a3e4bd6f1b"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":3}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_10"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-1.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-1.5,"snd":0}},"Name":"b4005714-d4b9-19ed-d629-a9edf9d0e654"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-1}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_11"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-1.51,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-1.51,"snd":0}},"Name":"ba9dda8e-942c-7144-f55e-309f7de3bdbb"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-2}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_12"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":0.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":0.5,"snd":0}},"Name":"20d56488-f772-dd9d-2967-339931153bff"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":1}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_13"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.5,"snd":0}},"Name":"b0ad98e8-9ce9-fafb-0dc7-b34960b54795"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":2}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_14"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":2.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":2.5,"snd":0}},"Name":"d2293692-82fe-0cff-d87e-5d78dfb1c5bf"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":3}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_15"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":3.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":3.5,"snd":0}},"Name":"8d7193b6-949e-8c5a-4f27-ff4b8c138f33"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":4}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_16"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-0.5,"snd":0.5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-0.5,"snd":0.5}},"Name":"9856c3cf-e0f7-3a42-33ad-84e6a1549edf"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":1}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_17"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-0.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-0.5,"snd":0}},"Name":"1b1bd1f3-da4e-8849-83bc-055ad4f4963b"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":0}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_18"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-1.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-1.5,"snd":0}},"Name":"ffde9984-f80f-190e-a837-d5bf277dccf1"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-1}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_19"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-2.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-2.5,"snd":0}},"Name":"fe1c796a-6ea0-6b06-5917-f14bfaf57ee3"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-2}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_2"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.5,"snd":1.51}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.5,"snd":1.51}},"Name":"f9b9b9fc-15d3-cef3-02a1-2bde14cbd397"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":4}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_20"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-3.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-3.5,"snd":0}},"Name":"1c110ef9-a2bb-567b-376a-54cbcbf54a30"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-3}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_3"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-1.49,"snd":-1.5}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-1.49,"snd":-1.5}},"Name":"9a40687e-8950-f964-f38f-55dbee974848"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-2}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_4"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-1.5,"snd":-1.51}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-1.5,"snd":-1.51}},"Name":"5c1c68f8-89ed-bab5-404e-51d86af5a8fb"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-3}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_5"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.49,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.49,"snd":0}},"Name":"4e75eb59-86a8-b525-40e8-f7f227e87372"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":1}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_6"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.49,"snd":-1.49}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.49,"snd":-1.49}},"Name":"9d265d66-9263-a1dd-f9e5-d208486cd418"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":0}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_7"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.5,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.5,"snd":0}},"Name":"2a3c1962-a8b9-a376-8851-3c39ee0175a5"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":2}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_8"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":1.51,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":1.51,"snd":0}},"Name":"744c5d85-ab5d-b2a5-4570-f93ba6ae7a0e"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":2}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_add__exec_hist_resp_9"#,
            parameters: #"{"FunctionResult.$":"States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":-1.49,"snd":0}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":-1.49,"snd":0}},"Name":"8a321f75-59d3-f749-6451-dadd590a5b29"},"StateMachine":{"Name":"statemachine_60dc64d4"}}"#,
            expectedOutput: #"{"FunctionResult":-1}"#
        ),
        IntrinsicCase(
            name: #"math_operations__test_math_random_seeded"#,
            parameters: #"{"FunctionResult.$":"States.MathRandom($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":0,"snd":999,"trd":3}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":0,"snd":999,"trd":3}},"Name":"8f90a4e3-b3a9-3f2f-3b32-77093ceefea0"},"StateMachine":{"Name":"statemachine_e1feb732"}}"#,
            expectedOutput: nil
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split__exec_hist_resp_0"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":" ","snd":","}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":" ","snd":","}},"Name":"8da80986-bfd2-550e-2a71-ed4f2741658f"},"StateMachine":{"Name":"statemachine_19c43302"}}"#,
            expectedOutput: #"{"FunctionResult":[" "]}"#
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split__exec_hist_resp_1"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":" , ","snd":","}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":" , ","snd":","}},"Name":"05581a22-5faf-6b91-7c9f-14ecf7e507bd"},"StateMachine":{"Name":"statemachine_19c43302"}}"#,
            expectedOutput: #"{"FunctionResult":[" "," "]}"#
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split__exec_hist_resp_2"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":", , ,","snd":","}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":", , ,","snd":","}},"Name":"3ddb10a2-d752-e70f-531e-4d7f040ce711"},"StateMachine":{"Name":"statemachine_19c43302"}}"#,
            expectedOutput: #"{"FunctionResult":[" "," "]}"#
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split__exec_hist_resp_3"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":",,,,","snd":","}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":",,,,","snd":","}},"Name":"ec57a90f-b749-9d87-262e-65cec01ae312"},"StateMachine":{"Name":"statemachine_19c43302"}}"#,
            expectedOutput: #"{"FunctionResult":[]}"#
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split__exec_hist_resp_4"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"1,2,3,4,5","snd":","}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"1,2,3,4,5","snd":","}},"Name":"076b5774-5c13-6e7f-b9c6-44a16b01e2cd"},"StateMachine":{"Name":"statemachine_19c43302"}}"#,
            expectedOutput: #"{"FunctionResult":["1","2","3","4","5"]}"#
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split__exec_hist_resp_5"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"This.is+a,test=string","snd":".+,="}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"This.is+a,test=string","snd":".+,="}},"Name":"825d67b6-e515-4091-dba1-8465a0092d60"},"StateMachine":{"Name":"statemachine_19c43302"}}"#,
            expectedOutput: #"{"FunctionResult":["This","is","a","test","string"]}"#
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split__exec_hist_resp_6"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":{"fst":"split on T and \nnew line","snd":"T\n"}}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":{"fst":"split on T and \nnew line","snd":"T\n"}},"Name":"a8793d34-5740-35e8-2801-339f126ccf5e"},"StateMachine":{"Name":"statemachine_19c43302"}}"#,
            expectedOutput: #"{"FunctionResult":["split on "," and ","new line"]}"#
        ),
        IntrinsicCase(
            name: #"string_operations__test_string_split_context_object"#,
            parameters: #"{"FunctionResult.$":"States.StringSplit($$.Execution.Input.FunctionInput, ',')"}"#,
            inputPath: nil,
            input: #"{"FunctionInput":"Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"}"#,
            context:
                #"{"Execution":{"Input":{"FunctionInput":"Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"},"Name":"bc638819-5a58-9879-7ae7-4f17d6df37ce"},"StateMachine":{"Name":"statemachine_b559c71a"}}"#,
            expectedOutput:
                #"{"FunctionResult":["Value1","Value2","Value3\nValue4","Value5","Value6\n","\ntrue","1","'HelloWorld'\nNull","None","\n   \n"]}"#
        ),
    ]
}

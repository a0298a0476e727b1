// Data from github.com/localstack/localstack commit 8b9a79f05846835cf4dff63ab7eefdde9df83783 (Apache-2.0), recorded against AWS
// (tests/aws/services/stepfunctions/v2/choice_operators, via /work/shared/corpus/sfn/cases/choice_operators).
// Generated once from the corpus; do not edit by hand. Each case: the Choice state, the execution input,
// and the state AWS entered next (or the error it failed with).

enum ChoiceCorpus {
    static let cases: [ChoiceCase] = [
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_10"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_11"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_12"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_13"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_14"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_15"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_16"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_17"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_18"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_19"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_20"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_21"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_22"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_23"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_24"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_25"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_26"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_27"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_28"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_29"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_30"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_31"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_32"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":true,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_33"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_34"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_35"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_6"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_7"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_8"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"boolean_equals__test_boolean_equals_path__cases_9"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","BooleanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_10"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_11"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_12"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_13"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_14"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_15"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_16"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_17"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_18"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_19"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_20"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_21"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_22"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_23"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_24"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_25"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_26"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_27"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_28"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_29"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_30"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_31"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_32"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":true,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_33"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_34"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_35"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_6"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_7"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_8"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_boolean__cases_9"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsBoolean":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_10"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_11"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_12"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_13"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_14"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_15"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_16"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_17"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_18"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_19"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_20"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_21"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_22"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_23"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_24"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_25"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_26"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_27"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_28"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_29"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_30"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_31"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_32"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":true,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_33"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_34"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_35"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":false}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_6"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_7"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_8"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_numeric__cases_9"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsNumeric":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_10"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_11"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_12"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_13"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_14"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_15"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"HelloWorld","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_16"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_17"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_18"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_19"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_20"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_21"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55+01:00","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_22"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_23"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24","Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_24"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_25"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_26"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_27"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_28"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_29"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_30"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_31"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_32"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":true,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_33"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_34"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_35"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_6"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_7"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_8"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":true,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":true}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"is_operators__test_is_present__cases_9"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","IsPresent":false,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":false}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_greater_than__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericGreaterThan":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_greater_than__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericGreaterThan":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_greater_than__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericGreaterThan":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_greater_than__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericGreaterThan":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":1}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_greater_than__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericGreaterThan":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":0}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_greater_than__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericGreaterThan":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThan":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThan":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThan":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThan":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":1}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThan":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThan":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_equals__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanEquals":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":0}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_equals__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanEquals":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":0}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_equals__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanEquals":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_equals__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanEquals":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":1}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_equals__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanEquals":0,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_equals__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanEquals":1,"Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_path__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_path__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_path__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_path__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":1}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_path__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":0}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"numeric__test_numeric_less_than_path__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","NumericLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":1}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThan":"","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":""}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThan":"AB","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"A","Value":"AB"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThan":"A","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"AB","Value":"A"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than_equals__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThanEquals":"","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":""}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than_equals__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThanEquals":"AB","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"A","Value":"AB"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than_equals__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThanEquals":"A","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"AB","Value":"A"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than_path__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":""}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than_path__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"A","Value":"AB"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"string_operators__test_string_less_than_path__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","StringLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"AB","Value":"A"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":null,"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0,"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_10"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{},"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_11"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":{"A":0},"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_12"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":false,"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_13"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":true,"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_14"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_15"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:56Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_16"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:56Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":0.0,"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_3"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1,"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_4"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":1.1,"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_5"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_6"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":" ","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_7"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2023-02-24 12:15:56.832957","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_8"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[],"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals__cases_9"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":[""],"Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals_path__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals_path__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_equals_path__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:56Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThan":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThan":"2012-10-09T19:00:56Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThan":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:56Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than_equals__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThanEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than_equals__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThanEquals":"2012-10-09T19:00:56Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than_equals__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThanEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:56Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than_equals_path"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThanEqualsPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_greater_than_path"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampGreaterThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_less_than__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampLessThan":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_less_than__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampLessThan":"2012-10-09T19:00:56Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_less_than__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampLessThan":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:56Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_less_than_equals__cases_0"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampLessThanEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_less_than_equals__cases_1"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampLessThanEquals":"2012-10-09T19:00:56Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:55Z","Value":"2012-10-09T19:00:56Z"}"#,
            expectedNext: #"ConditionTrue"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_less_than_equals__cases_2"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampLessThanEquals":"2012-10-09T19:00:55Z","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:56Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
        ChoiceCase(
            name: #"timestamp_operators__test_timestamp_less_than_path"#,
            stateName: #"CheckValues"#,
            state:
                #"{"Type":"Choice","Choices":[{"Variable":"$.Variable","TimestampLessThanPath":"$.Value","Next":"ConditionTrue"}],"Default":"ConditionFalse"}"#,
            input: #"{"Variable":"2012-10-09T19:00:56Z","Value":"2012-10-09T19:00:55Z"}"#,
            expectedNext: #"ConditionFalse"#, expectedError: nil, expectedCause: nil
        ),
    ]
}

import CortadoEngine
import CortadoJSON
import CortadoServer
import CortadoStore
import CortadoStoreSQLite
import Foundation
import Testing

/// The CloudWatch Logs slice through `LogsService`, on a manual clock.
struct LogsHarness {
    let h: Harness
    var clock: ManualClock { h.clock }
    var logs: LogsService { h.server.logs }
    var now: Int64 { h.clock.now() }

    init(store: any ExecutionStore = InMemoryStore()) { h = Harness(store: store) }

    @discardableResult
    func call(_ action: String, _ body: JSON = [:]) async throws -> JSON {
        try await logs.handle(action: action, body: body).get()
    }

    func group(_ name: String) async throws { try await call("CreateLogGroup", ["logGroupName": .string(name)]) }

    func stream(_ group: String, _ name: String) async throws {
        try await call("CreateLogStream", ["logGroupName": .string(group), "logStreamName": .string(name)])
    }

    @discardableResult
    func put(_ group: String, _ stream: String, _ events: [(Int64, String)]) async throws -> JSON {
        let list: [JSON] = events.map { ["timestamp": .int(Int($0.0)), "message": .string($0.1)] }
        return try await call(
            "PutLogEvents", ["logGroupName": .string(group), "logStreamName": .string(stream), "logEvents": .array(list)])
    }

    func get(_ group: String, _ stream: String, _ extra: JSONObject = [:]) async throws -> JSON {
        var body: JSONObject = ["logGroupName": .string(group), "logStreamName": .string(stream)]
        for (k, v) in extra { body[k] = v }
        return try await call("GetLogEvents", .object(body))
    }

    func filter(_ group: String, _ extra: JSONObject = [:]) async throws -> JSON {
        var body: JSONObject = ["logGroupName": .string(group)]
        for (k, v) in extra { body[k] = v }
        return try await call("FilterLogEvents", .object(body))
    }

    /// Every page of FilterLogEvents, as the SDK paginators (and `aws logs tail`) follow `nextToken`.
    func filterAll(_ group: String, _ extra: JSONObject = [:]) async throws -> (events: [JSON], pages: Int) {
        var events: [JSON] = []
        var pages = 0
        var body = extra
        while true {
            let page = try await filter(group, body)
            events += page["events"]!.arrayValue!
            pages += 1
            guard let token = page["nextToken"] else { return (events, pages) }
            body["nextToken"] = token
        }
    }
}

/// CloudWatch Logs reports a member constraint as an `InvalidParameterException` (recorded from AWS).
func invalidParameter(_ value: String, at member: String, _ constraint: String) -> AWSError {
    AWSError(
        "InvalidParameterException",
        "1 validation error detected: Value \(value) at '\(member)' failed to satisfy constraint: \(constraint)")
}

func messages(_ answer: JSON) -> [String] { answer["events"]!.arrayValue!.map { $0["message"]!.stringValue! } }

func names(_ list: JSON?, _ key: String) -> [String] { list!.arrayValue!.map { $0[key]!.stringValue! } }

let groupArnPrefix = "arn:aws:logs:us-east-1:000000000000:log-group:"

@Suite struct LogGroupTests {
    @Test func createDescribeDelete() async throws {
        let l = LogsHarness()
        let created = l.now
        try await l.group("/cortado/orders")
        await #expect(throws: AWSError("ResourceAlreadyExistsException", "The specified log group already exists")) {
            try await l.group("/cortado/orders")
        }
        let described = try await l.call("DescribeLogGroups")
        #expect(
            described == [
                "logGroups": [
                    [
                        "logGroupName": "/cortado/orders", "creationTime": .int(Int(created)), "metricFilterCount": 0,
                        "arn": .string(groupArnPrefix + "/cortado/orders:*"), "storedBytes": 0, "logGroupClass": "STANDARD",
                        "logGroupArn": .string(groupArnPrefix + "/cortado/orders"), "deletionProtectionEnabled": false,
                    ]
                ]
            ])
        try await l.call("DeleteLogGroup", ["logGroupName": "/cortado/orders"])
        #expect(try await l.call("DescribeLogGroups") == ["logGroups": []])
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log group does not exist.")) {
            try await l.call("DeleteLogGroup", ["logGroupName": "/cortado/orders"])
        }
    }

    @Test func createOptionsShowInDescribe() async throws {
        let l = LogsHarness()
        try await l.call(
            "CreateLogGroup",
            [
                "logGroupName": "protected", "kmsKeyId": "arn:aws:kms:us-east-1:000000000000:key/k", "logGroupClass": "INFREQUENT_ACCESS",
                "deletionProtectionEnabled": true, "tags": ["team": "orders"],
            ])
        let group = try await l.call("DescribeLogGroups")["logGroups"]!.arrayValue![0]
        #expect(group["kmsKeyId"] == "arn:aws:kms:us-east-1:000000000000:key/k")
        #expect(group["logGroupClass"] == "INFREQUENT_ACCESS")
        #expect(group["deletionProtectionEnabled"] == true)
        await #expect(throws: AWSError("ValidationException", "Log group protected has deletion protection enabled and cannot be deleted."))
        {
            try await l.call("DeleteLogGroup", ["logGroupName": "protected"])
        }
        await #expect(
            throws: invalidParameter(
                "'COLD'", at: "logGroupClass", "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]")
        ) { try await l.call("CreateLogGroup", ["logGroupName": "cold", "logGroupClass": "COLD"]) }
    }

    @Test func badNamesAreInvalidParameters() async throws {
        let l = LogsHarness()
        await #expect(
            throws: AWSError(
                "InvalidParameterException",
                #"1 validation error detected: Value 'a b' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+"#
            )
        ) { try await l.group("a b") }
        await #expect(
            throws: AWSError(
                "InvalidParameterException", "Invalid LogGroup or LogStream, both must have length less than or equal to 512.")
        ) { try await l.group(String(repeating: "a", count: 513)) }
        try await l.group(String(repeating: "a", count: 512))
        await #expect(
            throws: AWSError(
                "InvalidParameterException",
                "1 validation error detected: Value '' at 'logGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1"
            )
        ) { try await l.group("") }
        await #expect(
            throws: AWSError(
                "InvalidParameterException",
                "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null")
        ) { try await l.call("CreateLogGroup") }
        await #expect(throws: AWSError("SerializationException", "Unexpected value for 'logGroupName': expected a string, got number")) {
            try await l.call("CreateLogGroup", ["logGroupName": 7])
        }
        await #expect(throws: AWSError("UnknownOperationException", "Unknown operation TagLogGroup")) {
            try await l.call("TagLogGroup", ["logGroupName": "a"])
        }
    }

    @Test func describePagesByNameWithPrefixAndPattern() async throws {
        let l = LogsHarness()
        for name in ["/svc/b", "/svc/a", "/other/x", "/svc/c", "/svc/a/deep", "/svd"] { try await l.group(name) }
        var seen: [String] = []
        var token: JSON?
        var pages = 0
        repeat {
            var body: JSONObject = ["logGroupNamePrefix": "/svc/", "limit": 2]
            if let token { body["nextToken"] = token }
            let page = try await l.call("DescribeLogGroups", .object(body))
            seen += names(page["logGroups"], "logGroupName")
            token = page["nextToken"]
            pages += 1
        } while token != nil
        #expect(seen == ["/svc/a", "/svc/a/deep", "/svc/b", "/svc/c"])
        #expect(pages == 2)

        let all = try await l.call("DescribeLogGroups", ["limit": 50])
        #expect(names(all["logGroups"], "logGroupName") == ["/other/x", "/svc/a", "/svc/a/deep", "/svc/b", "/svc/c", "/svd"])
        #expect(all["nextToken"] == nil)

        let pattern = try await l.call("DescribeLogGroups", ["logGroupNamePattern": "a"])
        #expect(names(pattern["logGroups"], "logGroupName") == ["/svc/a", "/svc/a/deep"])
        // With a pattern AWS leaves out storedBytes and deletionProtectionEnabled.
        #expect(
            pattern["logGroups"]!.arrayValue![0].objectValue!.keys.sorted() == [
                "arn", "creationTime", "logGroupArn", "logGroupClass", "logGroupName", "metricFilterCount",
            ])

        await #expect(
            throws: AWSError(
                "InvalidParameterException", "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
        ) { try await l.call("DescribeLogGroups", ["logGroupNamePrefix": "/svc", "logGroupNamePattern": "a"]) }
        await #expect(
            throws: invalidParameter("'51'", at: "limit", "Member must have value less than or equal to 50")
        ) { try await l.call("DescribeLogGroups", ["limit": 51]) }
        await #expect(
            throws: invalidParameter("'0'", at: "limit", "Member must have value greater than or equal to 1")
        ) { try await l.call("DescribeLogGroups", ["limit": 0]) }
        await #expect(throws: AWSError("InvalidParameterException", "The specified nextToken is invalid.")) {
            try await l.call("DescribeLogGroups", ["nextToken": "not-a-token"])
        }
    }
}

@Suite struct LogStreamTests {
    @Test func createDescribeAndErrors() async throws {
        let l = LogsHarness()
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log group does not exist.")) {
            try await l.stream("missing", "s")
        }
        try await l.group("g")
        let created = l.now
        try await l.stream("g", "2024/01/01/[$LATEST]abc")
        await #expect(throws: AWSError("ResourceAlreadyExistsException", "The specified log stream already exists")) {
            try await l.stream("g", "2024/01/01/[$LATEST]abc")
        }
        await #expect(
            throws: AWSError(
                "InvalidParameterException",
                "1 validation error detected: Value 'worker:1' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*"
            )
        ) { try await l.stream("g", "worker:1") }
        let described = try await l.call("DescribeLogStreams", ["logGroupName": "g"])
        #expect(
            described == [
                "logStreams": [
                    [
                        "logStreamName": "2024/01/01/[$LATEST]abc", "creationTime": .int(Int(created)),
                        "arn": .string(groupArnPrefix + "g:log-stream:2024/01/01/[$LATEST]abc"), "storedBytes": 0,
                    ]
                ]
            ])
        // The group by ARN (with or without `:*`) or by name, never both.
        for identifier in ["g", groupArnPrefix + "g", groupArnPrefix + "g:*"] {
            #expect(try await l.call("DescribeLogStreams", ["logGroupIdentifier": .string(identifier)]) == described)
        }
        await #expect(throws: AWSError("ValidationException", "LogGroup name and LogGroup ARN are mutually exclusive parameters.")) {
            try await l.call("DescribeLogStreams", ["logGroupName": "g", "logGroupIdentifier": "g"])
        }
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log group does not exist.")) {
            try await l.call("DescribeLogStreams", ["logGroupName": "h"])
        }
    }

    @Test func describeOrdersAndPages() async throws {
        let l = LogsHarness()
        try await l.group("g")
        // Streams by name a..e; their last events in the order c, a, e (b and d have none).
        for name in ["d", "b", "e", "a", "c"] { try await l.stream("g", name) }
        let t = l.now
        try await l.put("g", "c", [(t - 3000, "c")])
        try await l.put("g", "a", [(t - 2000, "a")])
        try await l.put("g", "e", [(t - 1000, "e")])

        func all(_ body: JSONObject) async throws -> (names: [String], pages: Int) {
            var seen: [String] = []
            var pages = 0
            var body = body
            body["logGroupName"] = "g"
            body["limit"] = 2
            while true {
                let page = try await l.call("DescribeLogStreams", .object(body))
                seen += names(page["logStreams"], "logStreamName")
                pages += 1
                guard let token = page["nextToken"] else { return (seen, pages) }
                body["nextToken"] = token
            }
        }
        let byName = try await all([:])
        #expect(byName.names == ["a", "b", "c", "d", "e"])
        #expect(byName.pages == 3)
        #expect(try await all(["descending": true]).names == ["e", "d", "c", "b", "a"])
        #expect(try await all(["orderBy": "LastEventTime"]).names == ["b", "d", "c", "a", "e"])
        #expect(try await all(["orderBy": "LastEventTime", "descending": true]).names == ["e", "a", "c", "d", "b"])
        #expect(try await all(["logStreamNamePrefix": "c"]).names == ["c"])

        let a = try await l.call("DescribeLogStreams", ["logGroupName": "g", "logStreamNamePrefix": "a"])["logStreams"]!.arrayValue![0]
        #expect(a["firstEventTimestamp"] == .int(Int(t - 2000)))
        #expect(a["lastEventTimestamp"] == .int(Int(t - 2000)))
        #expect(a["lastIngestionTime"] == .int(Int(t)))
        #expect(a["uploadSequenceToken"] == "00000000000000000000000000000000000000000000000000000001")

        await #expect(throws: AWSError("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.")) {
            try await l.call("DescribeLogStreams", ["logGroupName": "g", "orderBy": "LastEventTime", "logStreamNamePrefix": "a"])
        }
        await #expect(
            throws: invalidParameter(
                "'Name'", at: "orderBy", "Member must satisfy enum value set: [LogStreamName, LastEventTime]")
        ) { try await l.call("DescribeLogStreams", ["logGroupName": "g", "orderBy": "Name"]) }
        // A token of one order is not a token of another.
        let byTime = try await l.call("DescribeLogStreams", ["logGroupName": "g", "orderBy": "LastEventTime", "limit": 1])
        await #expect(throws: AWSError("InvalidParameterException", "The specified nextToken is invalid.")) {
            try await l.call("DescribeLogStreams", ["logGroupName": "g", "nextToken": byTime["nextToken"]!])
        }
    }

    @Test func deleteStreamTakesItsEventsOnly() async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "a")
        try await l.stream("g", "a/b")
        let t = l.now
        try await l.put("g", "a", [(t, "a1"), (t + 1, "a2")])
        try await l.put("g", "a/b", [(t, "ab1")])
        try await l.call("DeleteLogStream", ["logGroupName": "g", "logStreamName": "a"])
        #expect(messages(try await l.filter("g")) == ["ab1"])
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log stream does not exist.")) {
            try await l.call("DeleteLogStream", ["logGroupName": "g", "logStreamName": "a"])
        }
        try await l.stream("g", "a")
        #expect(messages(try await l.get("g", "a")) == [])
        #expect(try await l.put("g", "a", [(t + 5, "again")])["nextSequenceToken"] == .string(String(repeating: "0", count: 55) + "1"))
    }
}

@Suite struct LogEventTests {
    @Test func putThenGetFromTheTailAndTheHead() async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        let t = l.now
        let put = try await l.put("g", "s", [(t - 2000, "one"), (t - 1000, "two"), (t, "three")])
        #expect(put == ["nextSequenceToken": "00000000000000000000000000000000000000000000000000000003"])
        l.clock.advance(seconds: 1)

        let latest = try await l.get("g", "s", ["limit": 2])
        #expect(
            latest["events"] == [
                ["timestamp": .int(Int(t - 1000)), "message": "two", "ingestionTime": .int(Int(t))],
                ["timestamp": .int(Int(t)), "message": "three", "ingestionTime": .int(Int(t))],
            ])
        let head = try await l.get("g", "s", ["limit": 2, "startFromHead": true])
        #expect(messages(head) == ["one", "two"])
        #expect(head["nextForwardToken"]!.stringValue!.hasPrefix("f/"))
        #expect(head["nextBackwardToken"]!.stringValue!.hasPrefix("b/"))
        #expect(head["nextForwardToken"]!.stringValue!.utf8.count == 60)

        // Forwards from the head: the rest, then nothing, and the token comes back unchanged.
        let rest = try await l.get("g", "s", ["nextToken": head["nextForwardToken"]!, "limit": 2])
        #expect(messages(rest) == ["three"])
        let end = try await l.get("g", "s", ["nextToken": rest["nextForwardToken"]!])
        #expect(messages(end) == [])
        #expect(end["nextForwardToken"] == rest["nextForwardToken"])
        // A new event shows up on the same token.
        try await l.put("g", "s", [(t + 500, "four")])
        #expect(messages(try await l.get("g", "s", ["nextToken": rest["nextForwardToken"]!])) == ["four"])

        // Backwards from the tail page.
        let back = try await l.get("g", "s", ["nextToken": latest["nextBackwardToken"]!])
        #expect(messages(back) == ["one"])
        let start = try await l.get("g", "s", ["nextToken": back["nextBackwardToken"]!])
        #expect(messages(start) == [])
        #expect(start["nextBackwardToken"] == back["nextBackwardToken"])
    }

    @Test func timeWindowIsStartInclusiveEndExclusive() async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        let t = l.now - 10_000
        try await l.put("g", "s", (0..<10).map { (t + Int64($0) * 1000, "e\($0)") })
        let window: JSONObject = ["startTime": .int(Int(t + 2000)), "endTime": .int(Int(t + 5000))]
        #expect(messages(try await l.get("g", "s", window)) == ["e2", "e3", "e4"])
        var head = window
        head["startFromHead"] = true
        head["limit"] = 2
        let first = try await l.get("g", "s", head)
        #expect(messages(first) == ["e2", "e3"])
        var next = window
        next["nextToken"] = first["nextForwardToken"]!
        #expect(messages(try await l.get("g", "s", next)) == ["e4"])
    }

    @Test func backwardReadsReachFarIntoThePast() async throws {
        // The tail is read in windows of time growing backwards: events days apart are all found.
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        let t = l.now
        for day in (0..<13).reversed() { try await l.put("g", "s", [(t - Int64(day) * 86_400_000, "d\(day)")]) }
        #expect(messages(try await l.get("g", "s")) == (0..<13).reversed().map { "d\($0)" })
        #expect(messages(try await l.get("g", "s", ["limit": 3])) == ["d2", "d1", "d0"])
    }

    @Test func tokensAreCheckedAgainstTheStream() async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        try await l.stream("g", "t")
        try await l.put("g", "s", [(l.now, "x")])
        let token = try await l.get("g", "s")["nextForwardToken"]!
        for bad: JSON in [token, "f/123/s", "x/00000000000000000000000000000000000000000000000000000000/s", "invalid-token"] {
            await #expect(throws: AWSError("InvalidParameterException", "The specified nextToken is invalid.")) {
                try await l.get("g", "t", ["nextToken": bad])
            }
        }
        await #expect(
            throws: AWSError(
                "InvalidParameterException",
                "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"
            )
        ) { try await l.get("g", "s", ["limit": 10001]) }
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log stream does not exist.")) {
            try await l.get("g", "u")
        }
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log group does not exist.")) {
            try await l.get("h", "s")
        }
    }

    @Test func putChecksOrderSizeAgeAndSpan() async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        let t = l.now
        await #expect(
            throws: AWSError("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.")
        ) { try await l.put("g", "s", [(t, "b"), (t - 1, "a")]) }
        await #expect(
            throws: AWSError(
                "InvalidParameterException",
                "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.")
        ) { try await l.put("g", "s", [(t - 90_000_000, "a"), (t, "b")]) }
        await #expect(throws: AWSError("InvalidParameterException", "Upload too large: 1048603 bytes exceeds limit of 1048576")) {
            try await l.put("g", "s", [(t, String(repeating: "x", count: 1_048_550)), (t, "y")])
        }
        await #expect(
            throws: invalidParameter("'[]'", at: "logEvents", "Member must have length greater than or equal to 1")
        ) { try await l.put("g", "s", []) }
        await #expect(
            throws: invalidParameter(
                "''", at: "logEvents.2.member.message", "Member must have length greater than or equal to 1")
        ) { try await l.put("g", "s", [(t, "a"), (t, "")]) }
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log stream does not exist.")) {
            try await l.put("g", "nope", [(t, "a")])
        }
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log group does not exist.")) {
            try await l.put("h", "s", [(t, "a")])
        }

        // Too old (14 days) and too new (2 hours) are left out and reported; the rest is stored.
        let answer = try await l.put(
            "g", "s",
            [(t - 15 * 86_400_000, "old"), (t - 1000, "kept"), (t, "kept too"), (t + 3 * 3_600_000, "new")])
        #expect(
            answer == [
                "nextSequenceToken": "00000000000000000000000000000000000000000000000000000002",
                "rejectedLogEventsInfo": ["tooOldLogEventEndIndex": 1, "tooNewLogEventStartIndex": 3],
            ])
        #expect(messages(try await l.get("g", "s")) == ["kept", "kept too"])
        // Everything too old: nothing stored, the stream unchanged.
        let none = try await l.put("g", "s", [(t - 20 * 86_400_000, "old")])
        #expect(none["rejectedLogEventsInfo"] == ["tooOldLogEventEndIndex": 1])
        #expect(none["nextSequenceToken"] == "00000000000000000000000000000000000000000000000000000002")
        // The sequence token is accepted and ignored.
        try await l.call(
            "PutLogEvents",
            [
                "logGroupName": "g", "logStreamName": "s", "sequenceToken": "stale",
                "logEvents": [["timestamp": .int(Int(t)), "message": "any token"]],
            ])
    }

    @Test func filterInterleavesStreamsInTimeOrder() async throws {
        let l = LogsHarness()
        try await l.group("g")
        for s in ["web-1", "web-2", "worker"] { try await l.stream("g", s) }
        let t = l.now - 10_000
        try await l.put("g", "web-1", [(t, "GET /a 200"), (t + 3000, "GET /b 500")])
        try await l.put("g", "web-2", [(t + 1000, "GET /c 200"), (t + 3000, "POST /d 201")])
        try await l.put("g", "worker", [(t + 2000, #"{"job":"resize","ms":812,"ok":true}"#)])

        let all = try await l.filter("g")
        #expect(messages(all) == ["GET /a 200", "GET /c 200", #"{"job":"resize","ms":812,"ok":true}"#, "GET /b 500", "POST /d 201"])
        #expect(names(all["events"], "logStreamName") == ["web-1", "web-2", "worker", "web-1", "web-2"])
        #expect(all["searchedLogStreams"] == [])
        #expect(all["nextToken"] == nil)
        let ids = names(all["events"], "eventId")
        #expect(Set(ids).count == 5)
        #expect(ids.allSatisfy { $0.utf8.count == 56 && $0.allSatisfy(\.isNumber) })
        let first = all["events"]!.arrayValue![0]
        #expect(first["timestamp"] == .int(Int(t)))
        #expect(first["ingestionTime"] == .int(Int(l.now)))

        #expect(messages(try await l.filter("g", ["logStreamNames": ["web-2", "worker"]])).count == 3)
        #expect(messages(try await l.filter("g", ["logStreamNamePrefix": "web"])).count == 4)
        #expect(
            messages(try await l.filter("g", ["startTime": .int(Int(t + 1000)), "endTime": .int(Int(t + 3000))]))
                == ["GET /c 200", #"{"job":"resize","ms":812,"ok":true}"#, "GET /b 500", "POST /d 201"])
        #expect(messages(try await l.filter("g", ["filterPattern": "500"])) == ["GET /b 500"])
        #expect(messages(try await l.filter("g", ["filterPattern": "?500 ?201"])) == ["GET /b 500", "POST /d 201"])
        #expect(messages(try await l.filter("g", ["filterPattern": "GET -200"])) == ["GET /b 500"])
        #expect(messages(try await l.filter("g", ["filterPattern": #""GET /c""#])) == ["GET /c 200"])
        #expect(messages(try await l.filter("g", ["filterPattern": "{ $.ms > 500 && $.ok IS TRUE }"])).count == 1)
        #expect(messages(try await l.filter("g", ["filterPattern": "{ $.job = res* }"])).count == 1)

        let paged = try await l.filterAll("g", ["limit": 2])
        #expect(paged.events == all["events"]!.arrayValue!)
        #expect(paged.pages == 3)

        await #expect(throws: AWSError("InvalidParameterException", "Invalid filter pattern")) {
            try await l.filter("g", ["filterPattern": "{ $.ms > }"])
        }
        await #expect(
            throws: AWSError("InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.")
        ) { try await l.filter("g", ["logStreamNames": ["web-1"], "logStreamNamePrefix": "web"]) }
        await #expect(throws: AWSError("InvalidParameterException", "The specified nextToken is invalid.")) {
            try await l.filter("g", ["nextToken": "abc"])
        }
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log group does not exist.")) {
            try await l.filter("h")
        }
        // A token of another group's list is refused.
        try await l.group("other")
        try await l.stream("other", "s")
        try await l.put("other", "s", [(t, "1"), (t, "2")])
        let token = try await l.filter("other", ["limit": 1])["nextToken"]!
        await #expect(throws: AWSError("InvalidParameterException", "The specified nextToken is invalid.")) {
            try await l.filter("g", ["nextToken": token])
        }
    }

    @Test func extremeTimesDoNotOverflow() async throws {
        let l = LogsHarness()
        try await l.logs.ensureGroup("g")
        try await l.logs.append(group: "g", stream: "s", events: [(.max, "far"), (l.now, "now"), (-5, "before 1970")])
        #expect(messages(try await l.filter("g", ["endTime": .int(.max)])) == ["before 1970", "now", "far"])
        #expect(messages(try await l.get("g", "s", ["endTime": .int(.max)])) == ["before 1970", "now", "far"])
        #expect(messages(try await l.get("g", "s", ["startTime": .int(.max)])) == [])
        try await l.call("DeleteLogStream", ["logGroupName": "g", "logStreamName": "s"])
        #expect(messages(try await l.filter("g")) == [])
    }

    @Test func deletingAGroupTakesItsStreamsAndEvents() async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        try await l.put("g", "s", [(l.now, "before")])
        try await l.call("DeleteLogGroup", ["logGroupName": "g"])
        try await l.group("g")
        #expect(try await l.call("DescribeLogStreams", ["logGroupName": "g"]) == ["logStreams": []])
        #expect(messages(try await l.filter("g")) == [])
    }
}

@Suite struct LogAppendTests {
    @Test func appendCreatesTheStreamButNotTheGroup() async throws {
        let l = LogsHarness()
        await #expect(throws: AWSError("ResourceNotFoundException", "The specified log group does not exist.")) {
            try await l.logs.append(group: "/cortado/events", stream: "e1", events: [(l.now, "x")])
        }
        try await l.logs.ensureGroup("/cortado/events")
        try await l.logs.ensureGroup("/cortado/events")
        let t = l.now
        // Out of order in, time order out.
        try await l.logs.append(group: "/cortado/events", stream: "e1", events: [(t, "second"), (t - 5, "first")])
        #expect(messages(try await l.get("/cortado/events", "e1")) == ["first", "second"])
        #expect(names(try await l.call("DescribeLogGroups")["logGroups"], "logGroupName") == ["/cortado/events"])
        await #expect(
            throws: AWSError(
                "InvalidParameterException",
                "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*"
            )
        ) { try await l.logs.append(group: "/cortado/events", stream: "a:b", events: []) }
    }

    @Test(arguments: [false, true])
    func concurrentAppendsToOneStreamKeepEveryEvent(sqlite: Bool) async throws {
        let directory = NSTemporaryDirectory() + "cortado-logs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store: any ExecutionStore = sqlite ? try SQLiteStore(directory: directory) : InMemoryStore()
        let l = LogsHarness(store: store)
        try await l.logs.ensureGroup("g")
        let t = l.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<20 {
                group.addTask {
                    for i in 0..<5 {
                        try await l.logs.append(
                            group: "g", stream: "s", events: [(t + Int64(i), "w\(writer)-\(i)"), (t + 9, "w\(writer)-last")])
                    }
                }
            }
            try await group.waitForAll()
        }
        let stream = try await l.call("DescribeLogStreams", ["logGroupName": "g"])["logStreams"]!.arrayValue![0]
        #expect(stream["uploadSequenceToken"] == .string(String(repeating: "0", count: 53) + "200"))
        let all = try await l.filterAll("g")
        #expect(all.events.count == 200)
        #expect(Set(names(.array(all.events), "eventId")).count == 200)
        let got = try await l.get("g", "s", ["startFromHead": true])
        #expect(messages(got).count == 200)
        #expect(Set(messages(got)).count == 120)  // each writer's "last" five times
        let stamps = got["events"]!.arrayValue!.map { $0["timestamp"]!.intValue! }
        #expect(stamps == stamps.sorted())
    }

    @Test func filterScansALargeGroupOnSQLiteInPages() async throws {
        let directory = NSTemporaryDirectory() + "cortado-logs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let l = LogsHarness(store: try SQLiteStore(directory: directory))
        try await l.group("g")
        for s in ["a", "b"] { try await l.stream("g", s) }
        let t = l.now - 100_000
        // One PutLogEvents is one store write, however many events it carries.
        try await l.put("g", "a", (0..<3000).map { (t + Int64($0 * 2), "a \($0)\($0 % 100 == 0 ? " ERROR" : "")") })
        try await l.put("g", "b", (0..<3000).map { (t + Int64($0 * 2 + 1), "b \($0)") })
        let errors = try await l.filterAll("g", ["filterPattern": "ERROR"])
        #expect(messages(.object(["events": .array(errors.events)])) == (0..<30).map { "a \($0 * 100) ERROR" })
        let everything = try await l.filterAll("g", ["limit": 1000])
        #expect(everything.events.count == 6000)
        #expect(everything.pages == 6 || everything.pages == 7)
        let stamps = everything.events.map { $0["timestamp"]!.intValue! }
        #expect(stamps == stamps.sorted())
        #expect(messages(try await l.get("g", "b", ["limit": 2])) == ["b 2998", "b 2999"])
    }
}

@Suite struct LogFilterPatternTests {
    static let json =
        #"{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111","arrayKey":["value","another value"],"objectList":[{"name":"a","id":1},{"name":"b","id":2}],"SomeObject":null,"ThisFlag":true,"latency":700,"code":"404"}"#

    /// The JSON examples of AWS's filter pattern syntax page, on its example event.
    @Test(arguments: [
        (#"{ $.eventType = "UpdateTrail" }"#, true), ("{ $.eventType = UpdateTrail }", true), ("{ $.eventType = Update* }", true),
        ("{ $.eventType = *Trail }", true), ("{ $.eventType = *date* }", true), ("{ $.eventType = Up*Trail }", false),
        ("{ $.sourceIPAddress != 123.123.* }", true), ("{ $.sourceIPAddress = 111.111.* }", true),
        (#"{ $.arrayKey[0] = "value" }"#, true), (#"{ $.arrayKey[1] = "value" }"#, false), ("{ $.objectList[1].id = 2 }", true),
        ("{ $.objectList[2].id = 2 }", false), ("{ $.SomeObject IS NULL }", true), ("{ $.SomeOtherObject NOT EXISTS }", true),
        ("{ $.SomeObject NOT EXISTS }", false), ("{ $.ThisFlag IS TRUE }", true), ("{ $.ThisFlag IS FALSE }", false),
        ("{ $.latency >= 700 }", true), ("{ $.latency > 700 }", false), ("{ $.latency < 7e3 }", true), ("{ $.latency != 700 }", false),
        ("{ $.latency = 700.0 }", true), ("{ $.code = 404 }", true), ("{ $.arrayKey = 1 }", false), ("{ $.arrayKey != 1 }", false),
        ("{ $.missing != 1 }", false), ("{ $.latency = * }", true),
        (#"{ ($.latency > 500 && $.code = "404") || $.eventType = nope }"#, true),
        (#"{ $.eventType = nope || $.latency > 500 && $.code = "500" }"#, false),
        (#"{ ($.eventType = nope || $.latency > 500) && $.code = "404" }"#, true),
    ])
    func jsonConditions(_ pattern: String, _ expected: Bool) async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        try await l.put("g", "s", [(l.now, Self.json), (l.now, "not json")])
        #expect(messages(try await l.filter("g", ["filterPattern": .string(pattern)])) == (expected ? [Self.json] : []))
    }

    @Test(arguments: [
        ("ERROR", ["[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1", "[ERROR] Caught IllegalArgumentException"]),
        (#""ERROR" -"Exiting""#, ["[ERROR] A fatal exception has occurred", "[ERROR] Caught IllegalArgumentException"]),
        ("ERROR Exception", ["[ERROR] Caught IllegalArgumentException"]),
        ("?WARN ?Exiting", ["Exiting with ERRORCODE: -1", "[WARN] Failed to process the request"]),
        ("Failed to process the request", ["[WARN] Failed to process the request"]),
        (#""to process""#, ["[WARN] Failed to process the request"]),
        (
            "",
            [
                "[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1", "[ERROR] Caught IllegalArgumentException",
                "[WARN] Failed to process the request",
            ]
        ),
        ("error", []),
    ])
    func terms(_ pattern: String, _ expected: [String]) async throws {
        let l = LogsHarness()
        try await l.group("g")
        try await l.stream("g", "s")
        try await l.put(
            "g", "s",
            [
                "[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1", "[ERROR] Caught IllegalArgumentException",
                "[WARN] Failed to process the request",
            ].map { (l.now, $0) })
        #expect(messages(try await l.filter("g", ["filterPattern": .string(pattern)])) == expected)
    }

    @Test(arguments: [
        "{ $.a = 1", "{ a = 1 }", "{ $.a }", "{ $.a > abc }", "{ $.a IS MAYBE }", "[ip, user]", "%ERR.*%", #""open"#, "{ $. = 1 }",
    ])
    func invalidPatterns(_ pattern: String) async throws {
        let l = LogsHarness()
        try await l.group("g")
        await #expect(throws: AWSError("InvalidParameterException", "Invalid filter pattern")) {
            try await l.filter("g", ["filterPattern": .string(pattern)])
        }
    }
}

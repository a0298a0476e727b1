import CortadoStore

extension StoreConformance {
    static func resource(
        _ kind: String, _ name: String, arn: String? = nil, json: String = "{}", creationDate: Int64 = 1_700_000_000_000
    ) -> ResourceRecord {
        ResourceRecord(kind: kind, arn: arn ?? "\(region):\(kind):\(name)", name: name, json: json, creationDate: creationDate)
    }

    /// Every resource of `kind`, page by page, with the number of pages.
    static func allResources(_ store: any ExecutionStore, kind: String, limit: Int) async throws -> ([ResourceRecord], Int) {
        var records: [ResourceRecord] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try await store.listResources(kind: kind, limit: limit, pageToken: token)
            records += page.items
            token = page.nextToken
            pages += 1
        } while token != nil
        return (records, pages)
    }

    @Sendable static func resourceLifecycle(_ store: any ExecutionStore) async throws {
        let activity = resource("activity", "Approve", json: #"{"name":"Approve"}"#)
        try await store.createResource(activity)
        try expectEqual(try await store.resource(kind: "activity", arn: activity.arn), activity, "stored resource")
        try expectEqual(try await store.resource(kind: "activity", arn: activity.arn + "x"), nil, "unknown resource")

        var replaced = activity
        replaced.name = "Approve2"
        replaced.json = #"{"name":"Approve2","encryptionConfiguration":{"type":"AWS_OWNED_KEY"}}"#
        replaced.creationDate = 1_700_000_009_000
        try await store.putResource(replaced)
        try expectEqual(try await store.resource(kind: "activity", arn: activity.arn), replaced, "put replaces, creation date included")
        let fresh = resource("activity", "Fresh")
        try await store.putResource(fresh)
        try expectEqual(try await store.resource(kind: "activity", arn: fresh.arn), fresh, "put stores a new resource")

        try expectEqual(try await store.deleteResource(kind: "activity", arn: activity.arn), true, "the first delete")
        try expectEqual(try await store.resource(kind: "activity", arn: activity.arn), nil, "deleted resource")
        try expectEqual(try await store.deleteResource(kind: "activity", arn: activity.arn), false, "the second delete")
        try expectEqual(try await store.resource(kind: "activity", arn: fresh.arn), fresh, "the other resource stays")
        try await store.createResource(activity)
        try expectEqual(try await store.resource(kind: "activity", arn: activity.arn), activity, "a deleted ARN can be created again")
    }

    @Sendable static func duplicateResource(_ store: any ExecutionStore) async throws {
        let first = resource("alias", "prod", json: #"{"routingConfiguration":[{"weight":100}]}"#)
        try await store.createResource(first)
        var second = first
        second.name = "other"
        second.json = #"{"routingConfiguration":[]}"#
        second.creationDate += 1_000
        try await expectCode(.resourceAlreadyExists) { try await store.createResource(second) }
        try expectEqual(try await store.resource(kind: "alias", arn: first.arn), first, "the first is unchanged")
        try expectEqual(try await store.listResources(kind: "alias", limit: 10, pageToken: nil).items, [first], "listed once")
    }

    @Sendable static func resourceKinds(_ store: any ExecutionStore) async throws {
        // A state machine's tags share its ARN; a version and an activity may share a name.
        let arn = "\(region):stateMachine:Orders"
        let tags = resource("tags", "Orders", arn: arn, json: #"[{"key":"team","value":"a"}]"#)
        let version = resource("version", "Orders", arn: arn, json: #"{"revisionId":"r1"}"#)
        try await store.createResource(tags)
        try await store.createResource(version)
        try expectEqual(try await store.resource(kind: "tags", arn: arn), tags, "tags")
        try expectEqual(try await store.resource(kind: "version", arn: arn), version, "version")
        try expectEqual(try await store.resource(kind: "alias", arn: arn), nil, "no alias")
        try expectEqual(try await store.listResources(kind: "tags", limit: 10, pageToken: nil).items, [tags], "only tags listed")
        try expectEqual(try await store.listResources(kind: "activity", limit: 10, pageToken: nil).items, [], "an empty kind")

        var retagged = tags
        retagged.json = "[]"
        try await store.putResource(retagged)
        try expectEqual(try await store.resource(kind: "version", arn: arn), version, "a put of one kind leaves the other")
        try expectEqual(try await store.deleteResource(kind: "tags", arn: arn), true, "delete the tags")
        try expectEqual(try await store.resource(kind: "version", arn: arn), version, "a delete of one kind leaves the other")
        try expectEqual(try await store.deleteResource(kind: "alias", arn: arn), false, "nothing of that kind")
    }

    @Sendable static func resourcePaging(_ store: any ExecutionStore) async throws {
        // Two share the name "b": the ARN breaks the tie. Other kinds and state machines do not show.
        let expected = [
            resource("activity", "a"), resource("activity", "b", arn: "\(region):activity:b-1"),
            resource("activity", "b", arn: "\(region):activity:b-2"), resource("activity", "c"), resource("activity", "d"),
        ]
        for r in [expected[3], expected[2], expected[0], expected[4], expected[1]] { try await store.createResource(r) }
        try await store.createResource(resource("version", "a0"))
        try await store.createStateMachine(machine("a1"))
        try await store.createStateMachine(machine("a2"))

        let (two, pages) = try await allResources(store, kind: "activity", limit: 2)
        try expectEqual(two, expected, "by name, then ARN")
        try expectEqual(pages, 3, "pages of two")
        let (one, single) = try await allResources(store, kind: "activity", limit: 1)
        try expectEqual(one, expected, "pages of one")
        try expectEqual(single, 5, "five pages of one")
        let all = try await store.listResources(kind: "activity", limit: 5, pageToken: nil)
        try expectEqual(all.items, expected, "one full page")
        try expectEqual(all.nextToken, nil, "no token after the last page")

        let first = try await store.listResources(kind: "activity", limit: 2, pageToken: nil)
        var resumed = try await store.listResources(kind: "activity", limit: 2, pageToken: first.nextToken)
        try expectEqual(resumed.items, Array(expected[2...3]), "the second page")
        // A resource stored after the token was issued still shows in its place.
        let late = resource("activity", "bb")
        try await store.createResource(late)
        resumed = try await store.listResources(kind: "activity", limit: 2, pageToken: first.nextToken)
        try expectEqual(resumed.items, [expected[2], late], "a token is a position, not a snapshot")

        try await expectCode(.invalidPageToken) { _ = try await store.listResources(kind: "activity", limit: 2, pageToken: "garbage") }
        try await expectCode(.invalidPageToken) {
            _ = try await store.listResources(kind: "version", limit: 2, pageToken: first.nextToken)
        }
        let machineToken = try await store.listStateMachines(limit: 1, pageToken: nil).nextToken
        try expect(machineToken != nil, "a state machine list token")
        try await expectCode(.invalidPageToken) {
            _ = try await store.listResources(kind: "activity", limit: 2, pageToken: machineToken)
        }
        try await expectCode(.invalidPageToken) {
            _ = try await store.listStateMachines(limit: 2, pageToken: first.nextToken)
        }
    }

    @Sendable static func badResourceArguments(_ store: any ExecutionStore) async throws {
        let good = resource("activity", "A")
        for bad in [resource("", "A"), resource("activity", "A", arn: ""), resource("activity", "")] {
            try await expectCode(.invalidArgument) { try await store.createResource(bad) }
            try await expectCode(.invalidArgument) { try await store.putResource(bad) }
        }
        try await expectCode(.invalidArgument) { _ = try await store.resource(kind: "", arn: good.arn) }
        try await expectCode(.invalidArgument) { _ = try await store.resource(kind: "activity", arn: "") }
        try await expectCode(.invalidArgument) { _ = try await store.deleteResource(kind: "", arn: good.arn) }
        try await expectCode(.invalidArgument) { _ = try await store.deleteResource(kind: "activity", arn: "") }
        try await expectCode(.invalidArgument) { _ = try await store.listResources(kind: "activity", limit: 0, pageToken: nil) }
        try await expectCode(.invalidArgument) { _ = try await store.listResources(kind: "activity", limit: -1, pageToken: nil) }
        try await expectCode(.invalidArgument) { _ = try await store.listResources(kind: "", limit: 10, pageToken: nil) }
        try expectEqual(try await store.listResources(kind: "activity", limit: 10, pageToken: nil).items, [], "nothing stored")
        try await store.createResource(good)
        try expectEqual(try await store.resource(kind: "activity", arn: good.arn), good, "a good one after the bad ones")
    }

    @Sendable static func resourceBatches(_ store: any ExecutionStore) async throws {
        let events = (1...5).map { resource("log-events:g", "\($0)", arn: "s/\($0)") }
        var stream = resource("log-stream:g", "s", json: #"{"sequence":0}"#)
        try await store.putResource(stream)
        stream.json = #"{"sequence":5}"#
        try await store.putResources(events + [stream])
        try expectEqual(try await allResources(store, kind: "log-events:g", limit: 2).0, events, "every record of the batch")
        try expectEqual(try await store.resource(kind: "log-stream:g", arn: stream.arn), stream, "a batch put replaces")
        try await store.putResources([])

        let bad = resource("log-events:g", "", arn: "s/9")
        try await expectCode(.invalidArgument) { try await store.putResources([resource("log-events:g", "8", arn: "s/8"), bad]) }
        try expectEqual(try await store.resource(kind: "log-events:g", arn: "s/8"), nil, "a refused batch writes nothing")

        try expectEqual(try await store.deleteResources(kind: "log-events:g", arns: ["s/1", "s/3", "s/7"]), 2, "two of three were there")
        try expectEqual(
            try await allResources(store, kind: "log-events:g", limit: 10).0, [events[1], events[3], events[4]], "the others stay")
        try expectEqual(try await store.deleteResources(kind: "log-events:g", arns: []), 0, "an empty delete")
        try await expectCode(.invalidArgument) { _ = try await store.deleteResources(kind: "log-events:g", arns: ["s/2", ""]) }
        try expectEqual(try await store.resource(kind: "log-events:g", arn: "s/2"), events[1], "a refused delete removes nothing")

        try expectEqual(try await store.deleteResources(kind: "log-events:g"), 3, "the whole kind")
        try expectEqual(try await store.listResources(kind: "log-events:g", limit: 10, pageToken: nil).items, [], "nothing left")
        try expectEqual(try await store.resource(kind: "log-stream:g", arn: stream.arn), stream, "another kind stays")
        try expectEqual(try await store.deleteResources(kind: "log-events:g"), 0, "an empty kind")
        try await expectCode(.invalidArgument) { _ = try await store.deleteResources(kind: "") }
    }

    @Sendable static func resourceSeek(_ store: any ExecutionStore) async throws {
        let records = [
            resource("log-group", "a"), resource("log-group", "b", arn: "b-1"), resource("log-group", "b", arn: "b-2"),
            resource("log-group", "ba"), resource("log-group", "c"),
        ]
        for r in records.reversed() { try await store.createResource(r) }
        let from = PageToken.resources(kind: "log-group", after: "b")
        try expectEqual(
            try await store.listResources(kind: "log-group", limit: 10, pageToken: from).items, Array(records[1...]), "from the first b")
        let page = try await store.listResources(kind: "log-group", limit: 2, pageToken: from)
        try expectEqual(page.items, Array(records[1...2]), "a page from the seek")
        try expectEqual(
            try await store.listResources(kind: "log-group", limit: 10, pageToken: page.nextToken).items, Array(records[3...]),
            "its token resumes")
        let after = PageToken.resources(kind: "log-group", after: "b", arn: "b-1")
        try expectEqual(
            try await store.listResources(kind: "log-group", limit: 10, pageToken: after).items, Array(records[2...]), "after a record")
        let past = PageToken.resources(kind: "log-group", after: "d")
        try expectEqual(try await store.listResources(kind: "log-group", limit: 10, pageToken: past).items, [], "past the end")
        try await expectCode(.invalidPageToken) {
            _ = try await store.listResources(kind: "activity", limit: 10, pageToken: from)
        }
    }
}

/// Where an item or index entry sits in its space.
public struct StoredKey: Sendable, Hashable {
    public var partition: [UInt8]
    public var sort: [UInt8]

    public init(partition: [UInt8], sort: [UInt8]) {
        self.partition = partition
        self.sort = sort
    }
}

/// An index entry an item makes: the index's space and the entry's key.
public struct IndexEntryKey: Sendable, Hashable {
    public var space: String
    public var key: StoredKey
}

extension TableSchema {
    /// The space of the table's items.
    public var space: String { "t/" + name }

    /// The space of one index's entries.
    public func space(of index: IndexSchema) -> String { "i/" + name + "/" + index.name }

    /// The space of the table's stream records.
    public var streamSpace: String { "s/" + name }

    /// Every space the table owns (for DeleteTable).
    public var spaces: [String] { [space, streamSpace] + indexes.map { space(of: $0) } }

    /// The key of a `Key` parameter (GetItem, DeleteItem, UpdateItem): exactly the key attributes, of
    /// their types.
    public func storedKey(ofKey key: Item) throws(TableError) -> StoredKey {
        guard key.count == keys.names.count else { throw .keyMismatch }
        for element in [keys.partition] + (keys.sort.map { [$0] } ?? []) {
            guard let value = key[element.name], element.type.matches(value) else { throw .keyMismatch }
            try Self.checkNotEmpty(value, element.name)
        }
        return storedKey(of: key)
    }

    /// The key of a whole item (PutItem): the key attributes must be there, of their types.
    public func storedKey(ofItem item: Item) throws(TableError) -> StoredKey {
        for element in [keys.partition] + (keys.sort.map { [$0] } ?? []) {
            guard let value = item[element.name] else {
                throw TableError.validation("One or more parameter values were invalid: Missing the key \(element.name) in the item")
            }
            guard element.type.matches(value) else {
                throw TableError.validation(
                    "One or more parameter values were invalid: Type mismatch for key \(element.name) expected: \(element.type.rawValue) actual: \(value.typeDescriptor)"
                )
            }
            try Self.checkNotEmpty(value, element.name)
        }
        return storedKey(of: item)
    }

    /// The key attributes of an item whose key was checked.
    public func keyItem(of item: Item) -> Item {
        var key: Item = [:]
        for name in keys.names { key[name] = item[name] }
        return key
    }

    /// The index entries an item makes: one per index whose key attributes it has (indexes are sparse).
    /// An index key attribute of the wrong type refuses the item.
    public func indexEntries(of item: Item) throws(TableError) -> [IndexEntryKey] {
        var entries: [IndexEntryKey] = []
        for index in indexes {
            var present = true
            for element in [index.keys.partition] + (index.keys.sort.map { [$0] } ?? []) {
                guard let value = item[element.name] else {
                    present = false
                    continue
                }
                guard element.type.matches(value) else {
                    throw TableError.validation(
                        "One or more parameter values were invalid: Type mismatch for Index Key \(element.name) Expected: \(element.type.rawValue) Actual: \(value.typeDescriptor) IndexName: \(index.name)"
                    )
                }
                if case .string(let s) = value, s.isEmpty {
                    throw TableError.validation(
                        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: \(index.name), IndexKey: \(element.name)"
                    )
                }
                if case .binary(let b) = value, b.isEmpty {
                    throw TableError.validation(
                        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: \(index.name), IndexKey: \(element.name)"
                    )
                }
            }
            guard present, let partition = item[index.keys.partition.name] else { continue }
            var sort = index.keys.sort.flatMap { item[$0.name] }.map(KeyCodec.component) ?? []
            let base = storedKey(of: item)
            sort += base.partition + base.sort
            entries.append(
                IndexEntryKey(space: space(of: index), key: StoredKey(partition: KeyCodec.component(partition), sort: sort)))
        }
        return entries
    }

    /// The item as an index returns it: its projection of attributes.
    public func project(_ item: Item, through index: IndexSchema) -> Item {
        switch index.projection {
        case .all: return item
        case .keysOnly, .include:
            var out: Item = [:]
            for name in keys.names + index.keys.names { out[name] = item[name] }
            if case .include(let names) = index.projection { for name in names { out[name] = item[name] } }
            return out
        }
    }

    /// The position an `ExclusiveStartKey` names in the table or in an index.
    public func startPosition(_ key: Item, index: IndexSchema?) throws(TableError) -> StoredKey {
        guard let index else { return try storedKey(ofKey: key) }
        let needed = Set(keys.names + index.keys.names)
        guard Set(key.keys) == needed else {
            throw TableError.validation("The provided starting key is invalid: The provided key element does not match the schema")
        }
        let base = storedKey(of: key)
        guard let partition = key[index.keys.partition.name] else { throw .keyMismatch }
        let sort = (index.keys.sort.flatMap { key[$0.name] }.map(KeyCodec.component) ?? []) + base.partition + base.sort
        return StoredKey(partition: KeyCodec.component(partition), sort: sort)
    }

    /// The `LastEvaluatedKey` of an item read from the table or an index.
    public func lastEvaluatedKey(_ item: Item, index: IndexSchema?) -> Item {
        var key = keyItem(of: item)
        if let index { for name in index.keys.names { key[name] = item[name] } }
        return key
    }

    func storedKey(of item: Item) -> StoredKey {
        StoredKey(
            partition: item[keys.partition.name].map(KeyCodec.component) ?? [],
            sort: keys.sort.flatMap { item[$0.name] }.map(KeyCodec.component) ?? [])
    }

    static func checkNotEmpty(_ value: AttributeValue, _ name: String) throws(TableError) {
        switch value {
        case .string(let s) where s.isEmpty:
            throw TableError.validation(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(name)"
            )
        case .binary(let b) where b.isEmpty:
            throw TableError.validation(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: \(name)"
            )
        default: return
        }
    }
}

extension TableError {
    static let keyMismatch = TableError.validation("The provided key element does not match the schema")
}

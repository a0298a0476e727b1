import CortadoStore
import Foundation
import GRDB

extension SQLiteStore: ItemStore {
    public func item(space: String, partition: [UInt8], sort: [UInt8]) async throws -> [UInt8]? {
        try await pool.read { db in
            let data = try Data.fetchOne(
                db, sql: "SELECT value FROM items WHERE space = ? AND partition = ? AND sort = ?",
                arguments: [space, Data(partition), Data(sort)])
            return data.map { [UInt8]($0) }
        }
    }

    public func items(_ query: ItemQuery) async throws -> [ItemEntry] {
        guard query.limit > 0 else { return [] }
        var sql = "SELECT partition, sort, value FROM items WHERE space = ?"
        var arguments: StatementArguments = [query.space]
        if let partition = query.partition {
            sql += " AND partition = ?"
            _ = arguments.append(contentsOf: [Data(partition)])
            if let lower = query.lower {
                sql += lower.inclusive ? " AND sort >= ?" : " AND sort > ?"
                _ = arguments.append(contentsOf: [Data(lower.bytes)])
            }
            if let upper = query.upper {
                sql += upper.inclusive ? " AND sort <= ?" : " AND sort < ?"
                _ = arguments.append(contentsOf: [Data(upper.bytes)])
            }
        }
        if let after = query.after {
            sql += query.reverse ? " AND (partition, sort) < (?, ?)" : " AND (partition, sort) > (?, ?)"
            _ = arguments.append(contentsOf: [Data(after.partition), Data(after.sort)])
        }
        sql += query.reverse ? " ORDER BY partition DESC, sort DESC" : " ORDER BY partition, sort"
        sql += " LIMIT ?"
        _ = arguments.append(contentsOf: [query.limit])
        return try await pool.read { [sql, arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ItemEntry(
                    space: query.space, partition: [UInt8](row[0] as Data), sort: [UInt8](row[1] as Data),
                    value: [UInt8](row[2] as Data))
            }
        }
    }

    public func commitItems(_ writes: [ItemWrite]) async throws {
        guard !writes.isEmpty else { return }
        try await pool.write { db in
            for write in writes {
                switch write {
                case .put(let e):
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO items (space, partition, sort, value) VALUES (?, ?, ?, ?)",
                        arguments: [e.space, Data(e.partition), Data(e.sort), Data(e.value)])
                case .delete(let space, let partition, let sort):
                    try db.execute(
                        sql: "DELETE FROM items WHERE space = ? AND partition = ? AND sort = ?",
                        arguments: [space, Data(partition), Data(sort)])
                case .deleteSpace(let space):
                    try db.execute(sql: "DELETE FROM items WHERE space = ?", arguments: [space])
                }
            }
        }
    }
}

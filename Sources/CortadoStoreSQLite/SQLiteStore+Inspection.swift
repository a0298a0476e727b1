import GRDB

extension SQLiteStore {
    /// The names of the migrations applied to the database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// A pragma's value on a connection of the pool, as text (`journal_mode`, `synchronous`).
    public func pragma(_ name: String) async throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// A pragma's value on the writer connection, the one whose settings decide durability.
    public func writerPragma(_ name: String) async throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try await pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }
}

import CortadoStore
import CortadoStoreSQLite
import CortadoTesting
import Testing

@Suite struct StoreConformanceTests {
    @Test(arguments: StoreConformance.checks)
    func inMemory(_ check: StoreConformance.Check) async throws {
        try await check.run(InMemoryStore())
    }

    @Test(arguments: StoreConformance.checks)
    func sqlite(_ check: StoreConformance.Check) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(directory: directory.path)
        try await check.run(store)
        try store.close()
    }
}

@Suite struct ItemStoreConformanceTests {
    @Test(arguments: ItemStoreConformance.checks)
    func inMemory(_ check: ItemStoreConformance.Check) async throws {
        try await check.run(InMemoryItemStore())
    }

    @Test(arguments: ItemStoreConformance.checks)
    func sqlite(_ check: ItemStoreConformance.Check) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(directory: directory.path)
        try await check.run(store)
        try store.close()
    }
}

import GRDB

/// The database schema as frozen history: each migration is named, raw SQL, and never edited once it has
/// shipped. A change is a new migration appended here.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-state-machines") { db in
            try db.execute(
                sql: """
                    CREATE TABLE state_machines (
                        arn TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL CHECK (name <> ''),
                        type TEXT NOT NULL CHECK (type IN ('STANDARD', 'EXPRESS')),
                        definition TEXT NOT NULL,
                        role_arn TEXT NOT NULL,
                        creation_date INTEGER NOT NULL,
                        update_date INTEGER,
                        revision_id TEXT NOT NULL,
                        description TEXT,
                        logging_configuration TEXT,
                        tracing_configuration TEXT
                    );
                    CREATE INDEX state_machines_by_name ON state_machines (name, arn);
                    """)
        }
        migrator.registerMigration("v1-executions") { db in
            // `seq` orders executions started in the same millisecond and keys the child tables (shorter
            // than the ARN). `shard` is for the multi-node lease scheme; 0 until it exists.
            try db.execute(
                sql: """
                    CREATE TABLE executions (
                        seq INTEGER PRIMARY KEY,
                        arn TEXT NOT NULL UNIQUE,
                        state_machine_arn TEXT NOT NULL REFERENCES state_machines (arn) ON DELETE CASCADE,
                        name TEXT NOT NULL CHECK (name <> ''),
                        status TEXT NOT NULL
                            CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE')),
                        input TEXT NOT NULL,
                        output TEXT,
                        error TEXT,
                        cause TEXT,
                        start_date INTEGER NOT NULL,
                        stop_date INTEGER,
                        redrive_count INTEGER NOT NULL DEFAULT 0 CHECK (redrive_count >= 0),
                        redrive_date INTEGER,
                        version INTEGER NOT NULL CHECK (version >= 1),
                        snapshot BLOB,
                        shard INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date DESC, seq DESC);
                    CREATE INDEX executions_by_machine_status ON executions (state_machine_arn, status, start_date DESC, seq DESC);
                    """)
        }
        migrator.registerMigration("v1-history-events") { db in
            // WITHOUT ROWID: an execution's events are stored together, in id order, one b-tree insert each.
            try db.execute(
                sql: """
                    CREATE TABLE history_events (
                        execution_seq INTEGER NOT NULL REFERENCES executions (seq) ON DELETE CASCADE,
                        id INTEGER NOT NULL CHECK (id >= 1),
                        previous_event_id INTEGER NOT NULL CHECK (previous_event_id >= 0),
                        type TEXT NOT NULL,
                        timestamp INTEGER NOT NULL,
                        json TEXT NOT NULL,
                        PRIMARY KEY (execution_seq, id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v1-timers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE timers (
                        execution_seq INTEGER NOT NULL REFERENCES executions (seq) ON DELETE CASCADE,
                        timer_id INTEGER NOT NULL,
                        fire_at INTEGER NOT NULL,
                        PRIMARY KEY (execution_seq, timer_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX timers_by_fire_at ON timers (fire_at, execution_seq, timer_id);
                    """)
        }
        migrator.registerMigration("v1-outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                        seq INTEGER PRIMARY KEY,
                        execution_seq INTEGER NOT NULL REFERENCES executions (seq) ON DELETE CASCADE,
                        task_id INTEGER NOT NULL,
                        payload TEXT NOT NULL,
                        UNIQUE (execution_seq, task_id)
                    );
                    """)
        }
        migrator.registerMigration("v2-resources") { db in
            // The API's other documents (activities, tags, state machine versions and aliases), one namespace
            // per kind. Lists read one kind by name, then ARN, from the index in order.
            try db.execute(
                sql: """
                    CREATE TABLE resources (
                        kind TEXT NOT NULL,
                        arn TEXT NOT NULL,
                        name TEXT NOT NULL,
                        json TEXT NOT NULL,
                        creation_date INTEGER NOT NULL,
                        PRIMARY KEY (kind, arn)
                    ) WITHOUT ROWID;
                    CREATE INDEX resources_by_name ON resources (kind, name, arn);
                    """)
        }
        migrator.registerMigration("v3-items") { db in
            // Tables' items, index entries and stream records (docs/architecture/tables.md): ordered spaces
            // of byte-string keys, compared as memcmp, which is how SQLite compares BLOBs.
            try db.execute(
                sql: """
                    CREATE TABLE items (
                        space TEXT NOT NULL,
                        partition BLOB NOT NULL,
                        sort BLOB NOT NULL,
                        value BLOB NOT NULL,
                        PRIMARY KEY (space, partition, sort)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}

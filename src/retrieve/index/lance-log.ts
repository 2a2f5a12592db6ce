/**
 * LanceDB's native library logs through Rust's env_logger, configured once from `LANCEDB_LOG` when the library
 * loads; by default it writes warnings such as "No existing dataset at …/chunks.lance, it will be created" to
 * stderr on every first ingest, in the middle of the CLI's own output. Only errors are worth a user's eye; an
 * operator who wants more sets `LANCEDB_LOG` themselves. Imported for its side effect before `@lancedb/lancedb`.
 */
process.env.LANCEDB_LOG ??= "error";

/**
 * Reads that are read whole (`toArray`) ask for all their documents in the first batch.
 *
 * A find answered in several batches leaves a cursor open between them. FerretDB 2.7 (the local
 * MongoDB, ARCHITECTURE.md "MongoDB and the local server") serves such a cursor from a PostgreSQL
 * connection of its own and closes that connection when the cursor ends, so every multi-batch
 * read costs a new PostgreSQL backend: measured here, a 500-document read took 12-19 ms in the
 * default batches (101, then the rest) and 3-6 ms in one, and under load FerretDB's whole pool was
 * being recreated every second. MongoDB caps a batch at 16 MiB whatever is asked, so on MongoDB
 * this only saves round trips. Streamed reads (shard-reader.ts) keep their cursors.
 */
export const ONE_BATCH = { batchSize: 100_000 } as const;

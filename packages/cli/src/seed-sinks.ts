/**
 * Where `segflow seed` writes: JSON Lines (a file or stdout) or MongoDB through the store. Each
 * sink takes the population in batches; the caller overlaps generating the next batch with the
 * write of the previous one.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import {
  createStoreIndexes,
  currentRetentionDays,
  insertEvents,
  insertNewProfiles,
  openStore,
  prepareStore,
  type Store,
} from "@segflow/store";
import type { SyntheticProfile } from "@segflow/synthetic";
import { CliError, ExitCode, errorMessage } from "./cli-error.js";
import { LineWriter } from "./line-writer.js";

export interface SeedSink {
  /** For the summary: the file, `stdout` or the database (credentials hidden). */
  readonly target: string;
  write(batch: readonly SyntheticProfile[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * One profile a line in the shape of the segment language reference (`id`, `attributes`,
 * `events` with ISO timestamps), plus `truth` when asked: it is not profile data.
 */
export async function openJsonlSink(path: string, stdout: Writable, withTruth: boolean): Promise<SeedSink> {
  let out = stdout;
  if (path !== "-") {
    out = createWriteStream(path);
    try {
      await once(out, "open");
    } catch (error) {
      throw new CliError(`--out: cannot write ${path}: ${errorMessage(error)}`, ExitCode.usage);
    }
  }
  const writer = new LineWriter(out);
  return {
    target: path === "-" ? "stdout" : path,
    async write(batch) {
      for (const { id, attributes, events, truth } of batch) {
        // JSON.stringify writes the events' Date timestamps as ISO strings.
        await writer.line(
          JSON.stringify(withTruth ? { id, attributes, events, truth } : { id, attributes, events }),
        );
      }
    },
    async close() {
      await writer.flush();
      if (out !== stdout) {
        out.end();
        await once(out, "finish");
      }
    },
  };
}

const EVENTS_PER_WRITE = 20_000;

export interface MongoSinkOptions {
  /** Drop the profiles and events collections first. */
  replace: boolean;
  /** Told what --replace dropped. */
  log: (line: string) => void;
}

/**
 * Profiles and events inserted in bulk (`insertNewProfiles`, then `insertEvents` without its
 * profile upserts), one write each per batch. The database must hold no profiles and no events
 * (or `replace` drops them first), so an insert is what `upsertProfiles` would do, without its
 * per-document upserts.
 */
export async function openMongoSink(url: string, options: MongoSinkOptions): Promise<SeedSink> {
  const target = redactUrl(url);
  const store = await connect(url, target);
  // Dropping takes the events' TTL index with it: the retention the API set is put back.
  let keptRetentionDays: number | null = null;
  try {
    if (options.replace) {
      const before = await countBoth(store);
      keptRetentionDays = await currentRetentionDays(store);
      // Dropping is instant where deleting 400,000 events one by one is not.
      await Promise.all([dropIfExists(store.profiles), dropIfExists(store.events)]);
      options.log(`dropped ${before.profiles} profiles and ${before.events} events from ${target}`);
    } else {
      const profile = await store.profiles.findOne({}, { projection: { _id: 1 } });
      const event = profile ? null : await store.events.findOne({}, { projection: { _id: 1 } });
      if (profile || event) {
        throw new CliError(
          `${target} already holds ${profile ? "profiles" : "events"}: seeding again would duplicate events. ` +
            "Pass --replace to drop all profiles and events first, or name another database in the URL.",
          ExitCode.usage,
        );
      }
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    target,
    async write(batch) {
      const now = new Date();
      await insertNewProfiles(store, batch, now);
      const events = batch.flatMap((p) => p.events.map((e) => ({ profileId: p.id, ...e })));
      // At most 20,000 a write: the local FerretDB refuses commands over 25,000 operations and
      // advertises 100,000, so the driver would not split a large --batch (ARCHITECTURE.md).
      for (let i = 0; i < events.length; i += EVENTS_PER_WRITE) {
        await insertEvents(store, events.slice(i, i + EVENTS_PER_WRITE), { ensureProfiles: false, now });
      }
    },
    async close() {
      // Indexes built once over the loaded data cost less than keeping them up to date through
      // every insert (measured: half the seeding time). Seeded data is read back (shard reads,
      // one profile) before any API has started, so the read indexes are built now; the
      // retention is the API's to set (ARCHITECTURE.md, "Store setup").
      try {
        if (keptRetentionDays === null) await createStoreIndexes(store);
        else await prepareStore(store, { eventRetentionDays: keptRetentionDays });
      } finally {
        await store.close();
      }
    },
  };
}

async function connect(url: string, target: string): Promise<Store> {
  try {
    return await openStore(url);
  } catch (error) {
    throw new CliError(`cannot connect to MongoDB at ${target}: ${errorMessage(error)}`, ExitCode.failed);
  }
}

async function countBoth(store: Store): Promise<{ profiles: number; events: number }> {
  const [profiles, events] = await Promise.all([
    store.profiles.estimatedDocumentCount(),
    store.events.estimatedDocumentCount(),
  ]);
  return { profiles, events };
}

async function dropIfExists(collection: { drop(): Promise<boolean> }): Promise<void> {
  try {
    await collection.drop();
  } catch (error) {
    // MongoDB before 7 fails to drop a collection that does not exist.
    if ((error as { codeName?: string }).codeName !== "NamespaceNotFound") throw error;
  }
}

/** mongodb://user:secret@host/db → mongodb://***@host/db, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

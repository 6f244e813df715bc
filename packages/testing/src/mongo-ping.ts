import { MongoClient } from "mongodb";

/** What a MongoDB `ping` on a URL found. */
export type MongoAnswer = { ok: true } | { ok: false; error: string };

/** Connects, runs `ping`, disconnects. Never throws: a failed ping is an answer too. */
export async function mongoPing(url: string, timeoutMs = 1500): Promise<MongoAnswer> {
  const client = new MongoClient(url, {
    directConnection: true,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 2,
  });
  try {
    await client.connect();
    await client.db("admin").command({ ping: 1 });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.close().catch(() => undefined);
  }
}

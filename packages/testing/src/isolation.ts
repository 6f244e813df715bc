import { randomBytes } from "node:crypto";

/**
 * A fresh name for one test file's database, queue prefix or collection: `t_<prefix>_<random>`.
 * Only letters, digits and underscores, and short enough for a MongoDB database name (64 bytes).
 */
export function uniqueName(prefix: string): string {
  const clean = prefix.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 40);
  return `t_${clean}_${randomBytes(6).toString("hex")}`;
}

/**
 * The same MongoDB URL naming another database: the path is replaced, hosts, credentials and
 * query options are kept. Parsed by hand because `new URL` rejects seed lists ("h1:1,h2:2").
 */
export function mongoUrlWithDatabase(mongoUrl: string, dbName: string): string {
  if (dbName === "" || /[/\\. "$]/.test(dbName)) {
    throw new Error(`invalid MongoDB database name "${dbName}"`);
  }
  const scheme = /^mongodb(\+srv)?:\/\//.exec(mongoUrl)?.[0];
  if (scheme === undefined) {
    throw new Error(`not a MongoDB URL (mongodb:// or mongodb+srv://): ${mongoUrl}`);
  }
  const rest = mongoUrl.slice(scheme.length);
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const queryStart = rest.indexOf("?");
  const query = queryStart < 0 ? "" : rest.slice(queryStart);
  return `${scheme}${authority}/${encodeURIComponent(dbName)}${query}`;
}

// `npm run services`: starts (or reuses) local Redis and MongoDB-protocol servers and prints
// exactly two lines on stdout, REDIS_URL=… and MONGO_URL=…, so that `eval "$(npm run -s services)"`
// or `npm run -s services > .env` works; progress goes to stderr. `--stop` stops them.
import { ensureServices, stopServices } from "./services.js";

const USAGE = `usage: npm run services [-- --aof | --stop]
  (no option)  start or reuse local Redis and MongoDB; print REDIS_URL=… and MONGO_URL=…
  --aof        start Redis with AOF persistence (or turn it on in the running one)
  --stop       stop the servers started here (their data under .data/ stays)`;

async function main(args: readonly string[]): Promise<number> {
  const known = new Set(["--aof", "--stop", "--help", "-h"]);
  const unknown = args.filter((arg) => !known.has(arg));
  if (unknown.length > 0 || args.includes("--help") || args.includes("-h")) {
    process.stderr.write(`${unknown.length > 0 ? `unknown option ${unknown.join(" ")}\n` : ""}${USAGE}\n`);
    return unknown.length > 0 ? 2 : 0;
  }
  if (args.includes("--stop")) {
    const stopped = await stopServices();
    if (stopped.length === 0) process.stderr.write("services: nothing of ours was running\n");
    return 0;
  }
  const services = await ensureServices({ aof: args.includes("--aof") });
  process.stdout.write(`REDIS_URL=${services.redisUrl}\nMONGO_URL=${services.mongoUrl}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`services: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

/**
 * The demo's settings, from its command line and the environment: the one place the demo reads
 * either. The API's port is `--port`, else `PORT` (as for `npm run api`), else 3000; 0 picks a
 * free port.
 */
import { parseArgs } from "node:util";

export interface DemoConfig {
  /** Stop everything after the first evaluation run (scripts, CI). */
  once: boolean;
  /** Synthetic profiles to seed, as `segflow seed --profiles` takes them. */
  profiles: string;
  /** The API's port; 0 for any free one. */
  port: number;
}

export function demoConfig(argv = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      once: { type: "boolean", default: false },
      profiles: { type: "string", default: "20000" },
      port: { type: "string" },
    },
  });
  return {
    once: values.once,
    profiles: values.profiles,
    port: portFrom(values.port, "--port") ?? portFrom(env.PORT, "PORT") ?? 3000,
  };
}

function portFrom(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(
      `${name}: expected a port from 0 to 65535 (0 for any free port), got ${JSON.stringify(text)}`,
    );
  }
  return port;
}

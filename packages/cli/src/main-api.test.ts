/**
 * The API commands as users run them: a child process configured by SEGFLOW_API_URL and
 * SEGFLOW_API_KEY (config.ts), printing errors on stderr with exit code 1.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, startFakeApi } from "./testing/fake-api.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const mainTs = join(packageDir, "src/main.ts");

async function segflow(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--conditions=segflow-source", "--import", "tsx", mainTs, ...args], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
  child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stdout, stderr };
}

let fake: Awaited<ReturnType<typeof startFakeApi>>;
beforeAll(async () => {
  fake = await startFakeApi((req) => {
    if (req.headers.authorization !== "Bearer k-env") {
      return {
        status: 401,
        body: { error: { code: "unauthorized", message: "invalid API key", details: null } },
      };
    }
    if (req.url === "/v1/segments") return { body: { segments: [] } };
    return {
      status: 404,
      body: { error: { code: "not_found", message: 'segment "nope" not found', details: null } },
    };
  });
});
afterAll(() => fake.close());

describe.concurrent("API commands (child process)", () => {
  it("read the API's URL and key from SEGFLOW_API_URL and SEGFLOW_API_KEY", async () => {
    const result = await segflow(["segments", "list"], {
      SEGFLOW_API_URL: fake.url,
      SEGFLOW_API_KEY: "k-env",
    });
    expect(result).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("print an API error on stderr and exit 1", async () => {
    const result = await segflow(["segments", "get", "nope"], {
      SEGFLOW_API_URL: fake.url,
      SEGFLOW_API_KEY: "k-env",
    });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: 'segment "nope" not found (HTTP 404 not_found)\n',
    });
  });

  it("say how to give the key on a 401", async () => {
    const result = await segflow(["segments", "list"], { SEGFLOW_API_URL: fake.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "invalid API key (HTTP 401 unauthorized)\ngive the key with --api-key or SEGFLOW_API_KEY\n",
    );
  });

  it("say in one line that the API is not reachable", async () => {
    const port = await closedPort();
    const result = await segflow(["evaluations", "start", "--wait"], {
      SEGFLOW_API_URL: `http://127.0.0.1:${port}`,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `the API is not reachable at http://127.0.0.1:${port} (ECONNREFUSED): start it (npm run api) or point --api-url or SEGFLOW_API_URL at it\n`,
    );
  });

  it("default to http://127.0.0.1:3000", async () => {
    const result = await segflow(["segments", "--help"], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("default http://127.0.0.1:3000");
  });
});

import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, portListens, portToStart } from "./ports.js";

const held: Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Something that is not ours, listening on a port. */
async function occupy(): Promise<number> {
  const server = createServer();
  held.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

describe("portToStart", () => {
  it("keeps a free port", async () => {
    const port = await freePort();
    expect(await portToStart({ port, variable: "X_PORT", explicit: true }, "x", () => undefined)).toBe(port);
  });

  it("moves off a taken default port to a free one, and says so", async () => {
    const taken = await occupy();
    const lines: string[] = [];
    const port = await portToStart({ port: taken, variable: "X_PORT", explicit: false }, "x", (l) =>
      lines.push(l),
    );
    expect(port).not.toBe(taken);
    expect(await portListens(port)).toBe(false);
    expect(lines.join("\n")).toContain(`port ${taken} is taken`);
  });

  it("refuses a taken port the user named, naming the variable", async () => {
    const taken = await occupy();
    await expect(
      portToStart({ port: taken, variable: "X_PORT", explicit: true }, "x", () => undefined),
    ).rejects.toThrow(`X_PORT=${taken}, but something this checkout did not start listens there`);
  });
});

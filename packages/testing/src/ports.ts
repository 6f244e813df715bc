import { connect, createServer } from "node:net";
import type { PortChoice } from "./settings.js";

/**
 * The port to start a server on: the one asked for when it is free. A taken default port is
 * something else's (another checkout, a system service): the server moves to a free port and
 * says so. A taken port that the user named is an error, since moving would ignore them.
 */
export async function portToStart(
  choice: PortChoice,
  what: string,
  log: (line: string) => void,
): Promise<number> {
  if (!(await portListens(choice.port))) return choice.port;
  if (choice.explicit) {
    throw new Error(
      `${choice.variable}=${choice.port}, but something this checkout did not start listens there; ` +
        `stop it, or pick another port with ${choice.variable}`,
    );
  }
  const port = await freePort();
  log(`${what}: port ${choice.port} is taken by a server this checkout did not start; using port ${port}`);
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", () => resolve(false));
  });
}

/** A port the OS says is free now (another process may still take it before we do). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

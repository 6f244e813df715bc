import { connect } from "node:net";

/** What a port said to one Redis command. */
export type RedisAnswer =
  | { kind: "closed" } // nothing listens
  | { kind: "silent" } // something listens but sent no line back in time
  | { kind: "reply"; line: string }; // first line of the reply, e.g. "+PONG" or "-NOAUTH ..."

/**
 * Sends one command in RESP and reads the first line of the reply. A raw socket rather than a
 * client library: a probe must not retry or reconnect, and must tell "nothing there" apart from
 * "something that is not Redis".
 */
export function redisCommand(port: number, args: readonly string[], timeoutMs = 1000): Promise<RedisAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let connected = false;
    let buffer = "";
    const finish = (answer: RedisAnswer): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(connected ? { kind: "silent" } : { kind: "closed" }), timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      connected = true;
      const parts = args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
      socket.write(`*${args.length}\r\n${parts.join("")}`);
    });
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf("\r\n");
      if (end >= 0) finish({ kind: "reply", line: buffer.slice(0, end) });
    });
    socket.on("error", () => finish(connected ? { kind: "silent" } : { kind: "closed" }));
    socket.on("close", () => finish(connected ? { kind: "silent" } : { kind: "closed" }));
  });
}

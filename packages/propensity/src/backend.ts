/**
 * The TF.js backend: `@tensorflow/tfjs-node` (native TensorFlow) when it is installed, else the
 * WebAssembly backend, else plain JavaScript (cpu), with the same model code on each
 * (README.md, "Backends"). tfjs-node is an optional dependency: its install downloads a native
 * library, which fails where there is no internet beyond the package registry.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs";

export type BackendName = "tensorflow" | "wasm" | "cpu";

let chosen: Promise<BackendName> | undefined;

/** Picks the backend once per process (or worker thread) and says which and why. */
export function initBackend(log: (line: string) => void = () => undefined): Promise<BackendName> {
  chosen ??= pick(log);
  return chosen;
}

async function pick(log: (line: string) => void): Promise<BackendName> {
  // Production mode: no debug checks, and no console banner urging tfjs-node on every start (we
  // try it first below and log the backend we end up with ourselves).
  tf.enableProdMode();
  const native = "@tensorflow/tfjs-node"; // a variable: it may be absent, so TypeScript must not resolve it
  try {
    await import(native);
    if (await tf.setBackend("tensorflow")) {
      log("TF.js backend: tensorflow (@tensorflow/tfjs-node)");
      return "tensorflow";
    }
  } catch (e) {
    log(`TF.js backend: @tensorflow/tfjs-node is not available (${firstLine(e)}); trying wasm`);
  }
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(
      `${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))}/`,
    );
    if (await tf.setBackend("wasm")) {
      await tf.ready();
      log("TF.js backend: wasm (@tensorflow/tfjs-backend-wasm)");
      return "wasm";
    }
  } catch (e) {
    log(`TF.js backend: wasm failed (${firstLine(e)}); using cpu`);
  }
  await tf.setBackend("cpu");
  await tf.ready();
  log("TF.js backend: cpu (plain JavaScript, slowest)");
  return "cpu";
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split("\n")[0]!;
}

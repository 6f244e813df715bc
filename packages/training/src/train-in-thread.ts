/**
 * Runs {@link fitPropensity} on the store's profiles in a worker thread (train-thread.ts). The
 * returned promise settles with the fitted model, or rejects with a {@link TrainingError} of the
 * same name as the thread's: a {@link TrainingRefusedError} when the data or the definition is at
 * fault (retrying cannot help), a plain one for anything else (a crash, a lost connection).
 */
import { Worker } from "node:worker_threads";
import type { ModelArtefact, ModelMetrics, ModelSpecInput } from "@segflow/propensity";
import { TrainingError, TrainingRefusedError } from "./errors.js";
import type { TrainThreadError, TrainThreadInput } from "./train-thread.js";

export interface TrainedModel {
  artefact: ModelArtefact;
  metrics: ModelMetrics;
}

function startThread(workerData: TrainThreadInput): Worker {
  const source = import.meta.url.endsWith(".ts");
  const entry = new URL(source ? "./train-thread.ts" : "./train-thread.js", import.meta.url);
  if (!source) return new Worker(entry, { workerData });
  // Running from TypeScript sources (tsx): Node 20 does not pass tsx's loader on to worker
  // threads, so the thread registers it before importing its entry.
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export function trainInThread(
  input: { mongoUrl: string; spec: ModelSpecInput; now: Date; seed?: number },
  log: (line: string) => void = () => undefined,
): Promise<TrainedModel> {
  return new Promise((resolve, reject) => {
    const thread = startThread({
      mongoUrl: input.mongoUrl,
      spec: input.spec,
      now: input.now,
      seed: input.seed ?? 1,
    });
    let settled = false;
    thread.on("message", (message: { log?: string; result?: TrainedModel; error?: TrainThreadError }) => {
      if (message.log !== undefined) log(message.log);
      if (message.result !== undefined) {
        settled = true;
        resolve(message.result);
      }
      if (message.error !== undefined) {
        settled = true;
        const { name, message: text, refused } = message.error;
        reject(refused ? new TrainingRefusedError(name, text) : new TrainingError(name, text));
      }
    });
    thread.on("error", (error) => {
      settled = true;
      reject(error);
    });
    thread.on("exit", (code) => {
      if (!settled)
        reject(
          new TrainingError("TrainingError", `the training thread exited (code ${code}) without a result`),
        );
    });
  });
}

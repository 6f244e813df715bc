/**
 * Worker-thread entry: reads the training data from MongoDB and fits the model, off the main
 * thread, so that the trainer's event loop keeps renewing its BullMQ lock however long the fit
 * takes. Posts `{ log }` lines while it works and one `{ result }` or `{ error }` at the end.
 */
import { parentPort, workerData } from "node:worker_threads";
import { fitPropensity, type ModelSpecInput } from "@segflow/propensity";
import { openStore } from "@segflow/store";
import { allProfiles } from "./training-profiles.js";

export interface TrainThreadInput {
  mongoUrl: string;
  spec: ModelSpecInput;
  now: string;
  seed: number;
}

const input = workerData as TrainThreadInput;
const post = (message: unknown) => parentPort!.postMessage(message);

const store = await openStore(input.mongoUrl);
try {
  const result = await fitPropensity(input.spec, allProfiles(store), {
    now: new Date(input.now),
    seed: input.seed,
    log: (line) => post({ log: line }),
  });
  // The scores are recomputed by the scoring shards (fresh reads); only the model leaves the thread.
  post({ result: { artefact: result.artefact, metrics: result.metrics } });
} catch (error) {
  const e = error as Error;
  post({ error: { name: e.name, message: e.message } });
} finally {
  await store.close();
}

/**
 * Worker-thread entry: reads the training data from MongoDB and fits the model, off the main
 * thread, so that the trainer's event loop keeps renewing its BullMQ lock however long the fit
 * takes. Posts `{ log }` lines while it works and one `{ result }` or `{ error }` at the end; an
 * error says whether it is the data's or the definition's fault (`refused`), which only this
 * side can tell by class.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  DataCheckError,
  fitPropensity,
  ModelConditionsError,
  ModelSpec,
  type ModelSpecInput,
} from "@segflow/propensity";
import { openStore } from "@segflow/store";
import { allProfiles } from "./training-profiles.js";

export interface TrainThreadInput {
  mongoUrl: string;
  spec: ModelSpecInput;
  /** A Date: worker data is a structured clone, which keeps Dates. */
  now: Date;
  seed: number;
}

export interface TrainThreadError {
  name: string;
  message: string;
  refused: boolean;
}

const input = workerData as TrainThreadInput;
const post = (message: unknown) => parentPort!.postMessage(message);
const fail = (error: TrainThreadError) => post({ error });

// A spec that does not parse fails before any data is read; fitPropensity would refuse it too.
const spec = ModelSpec.safeParse(input.spec);
if (!spec.success) {
  fail({ name: spec.error.name, message: spec.error.message, refused: true });
} else {
  const store = await openStore(input.mongoUrl);
  try {
    const result = await fitPropensity(spec.data, allProfiles(store), {
      now: input.now,
      seed: input.seed,
      log: (line) => post({ log: line }),
    });
    // The scores are recomputed by the scoring shards (fresh reads); only the model leaves the thread.
    post({ result: { artefact: result.artefact, metrics: result.metrics } });
  } catch (error) {
    const e = error as Error;
    const refused = e instanceof DataCheckError || e instanceof ModelConditionsError;
    fail({ name: e.name, message: e.message, refused });
  } finally {
    await store.close();
  }
}

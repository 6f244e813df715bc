/**
 * Scorers by version, kept across the shards a trainer scores: a scorer holds the version's
 * network as TF.js tensors and its compiled goal and eligible expression, built once per version
 * rather than once per shard (shards of one version running at once share the one being built).
 * The oldest is disposed beyond `size`.
 */
import { ARTEFACT_FORMAT, Scorer } from "@segflow/propensity";
import { type Store, versionId } from "@segflow/store";
import { ScoringRefusedError } from "./errors.js";
import { findVersion } from "./model-documents.js";

export class ScorerCache {
  private readonly scorers = new Map<string, Promise<Scorer>>();

  constructor(
    private readonly store: Store,
    private readonly size = 4,
  ) {}

  /** The version's scorer; rejects with {@link ScoringRefusedError} when the version does not exist. */
  get(modelId: string, version: number): Promise<Scorer> {
    const id = versionId(modelId, version);
    const cached = this.scorers.get(id);
    if (cached) return cached;
    const built = this.build(modelId, version, id);
    this.scorers.set(id, built);
    built.catch(() => this.scorers.delete(id));
    if (this.scorers.size > this.size) {
      const [oldest, evicted] = this.scorers.entries().next().value!;
      this.scorers.delete(oldest);
      void evicted.then((s) => s.dispose()).catch(() => undefined);
    }
    return built;
  }

  private async build(modelId: string, version: number, id: string): Promise<Scorer> {
    const stored = await findVersion(this.store, modelId, version);
    if (!stored) throw new ScoringRefusedError("unknown_version", `model version ${id} does not exist`);
    if (stored.artefact.format !== ARTEFACT_FORMAT) {
      // Refused for good, not retried: no retry can read it.
      throw new ScoringRefusedError(
        "outdated_version",
        `model version ${id} was fitted by an earlier segflow (artefact format ${String(stored.artefact.format)}, ` +
          `this one reads ${ARTEFACT_FORMAT}): train the model again`,
      );
    }
    return new Scorer(stored.artefact);
  }

  async dispose(): Promise<void> {
    const scorers = await Promise.allSettled(this.scorers.values());
    this.scorers.clear();
    for (const s of scorers) if (s.status === "fulfilled") s.value.dispose();
  }
}

/**
 * Examples from profiles, point in time (README.md, "Examples, point in time"). For a cutoff `c`,
 * a profile's features read its events in `(c - lookback, c]` and its label says whether the goal
 * occurred in `(c, c + window]`; the profile is an example at `c` when it had an event by then (it
 * existed) and the eligible expression selects it as of `c`.
 *
 * Cutoffs step back from the last one that has a whole window of labels, `c_0 = now - window`, by
 * a few days: `c_j = c_0 - j·step`, the window split in `perWindow` equal steps of about a week
 * (30 days: 7.5), for as long as the lookback before `c_j` lies inside the data's history. Many
 * cutoffs make many examples, and the model sees every season of the history rather than one
 * cutoff per window. Cutoffs `j` that are multiples of `perWindow` are in phase with the window
 * (whole windows before `now`); cutoff-choice.ts decides on validation whether to keep only those.
 *
 * Profiles are split, by a hash of their id, into three groups, so that no profile is on both
 * sides of any comparison: training (65%), validation (15%: early stopping, model and
 * regularisation choice, calibration) and test (20%, the metrics we report). Training and
 * validation profiles give an example at every cutoff; test profiles at `c_0` only, the cutoff
 * closest to the future that gets scored. Training and validation examples are sampled down
 * evenly across profiles and cutoffs when there are more than fitting needs, twice: from every
 * cutoff, and from the cutoffs in phase only (`inPhase`), so that learning from those alone does
 * not mean learning from a quarter of the sample.
 *
 * The cutoff `now` (no label) is what gets scored.
 */
import type { Profile } from "@segflow/segment-language";
import { readAttribute } from "./attribute-path.js";
import {
  type AttributeEncoding,
  AttributeSurvey,
  chooseAttributeEncodings,
  instantMs,
  type SkippedAttribute,
} from "./attributes.js";
import type { ModelConditions } from "./conditions.js";
import { ValueVocabulary } from "./event-values.js";
import type { ExampleSet } from "./example-set.js";
import { type FeatureSchema, featureSchema, RowWriter } from "./feature-schema.js";
import { discoverLayout } from "./layout-discovery.js";
import type { Matrix } from "./matrix.js";
import { sum } from "./metrics.js";
import type { ModelSpec } from "./model-spec.js";
import { countUpTo, type EventSeries, eventSeries, profileAsOf, timelineOf } from "./timeline.js";

const DAY_MS = 86_400_000;
/** Cutoffs come about weekly: the window split in equal steps of about this many days. */
const CUTOFF_STEP_DAYS = 7;
/** Enough examples for the models' few thousand weights; more only costs fitting time. */
export const MAX_TRAIN_EXAMPLES = 60_000;
export const MAX_VALIDATION_EXAMPLES = 20_000;
const GROUPS = { train: 0.65, validation: 0.8 } as const;
/** An instant attribute later than the cutoff for more examples than this share moves with activity. */
const MAX_LATER_INSTANTS = 0.01;

type Group = "train" | "validation" | "test";

export interface Datasets {
  schema: FeatureSchema;
  /** Attributes considered and left out, with why. */
  skippedAttributes: SkippedAttribute[];
  /** Sampled from every cutoff. */
  train: ExampleSet;
  validation: ExampleSet;
  /**
   * Sampled from the cutoffs in phase with the window only (more of them than `train` holds), for
   * cutoff-choice.ts; absent with one cutoff per window.
   */
  inPhase: { train: ExampleSet; validation: ExampleSet } | undefined;
  test: ExampleSet;
  /** Eligible profiles as of `now`, to score. */
  scoring: { x: Matrix; profileIds: string[] };
  /** The labelled cutoffs examples come from, newest first (index `j`). */
  cutoffs: Date[];
  /** Cutoff steps per window: cutoffs `j` that are multiples of it are in phase with the window. */
  perWindow: number;
  /** Labelled (profile, cutoff) pairs before sampling, per set. */
  available: { train: number; validation: number };
  historyStart: Date | undefined;
}

export class DataCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`training data fails its checks: ${problems.join("; ")}`);
    this.name = "DataCheckError";
  }
}

/** A stable hash into [0, 1), for splits and samples that do not depend on input order. */
export function unitHash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 2 ** 32;
}

export function groupOf(id: string): Group {
  const u = unitHash(id);
  return u < GROUPS.train ? "train" : u < GROUPS.validation ? "validation" : "test";
}

/** What a profile leaves behind once its labels and eligibility are known: no event objects. */
interface ProfileRecord {
  id: string;
  group: Group;
  series: EventSeries;
  attributes: unknown;
  eligibleNow: boolean;
  /** Cutoff indexes `j` where the profile existed and was eligible, and its label at each. */
  cutoffs: number[];
  labels: number[];
}

/**
 * Collects examples one profile at a time (profiles may stream from MongoDB or a file). Labels and
 * eligibility are decided as profiles arrive; features are computed at {@link finish}, once the
 * data has said which event types, event values and attributes are worth a feature.
 */
export class DatasetBuilder {
  private readonly nowMs: number;
  private readonly windowMs: number;
  private readonly stepMs: number;
  private readonly perWindow: number;
  private readonly records: ProfileRecord[] = [];
  private readonly typeCounts = new Map<string, number>();
  private readonly goalCounts = new Map<string, number>();
  private readonly values = new ValueVocabulary();
  private readonly survey = new AttributeSurvey();
  private historyStartMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly spec: ModelSpec,
    now: Date,
    private readonly conditions: ModelConditions,
  ) {
    this.nowMs = now.getTime();
    this.windowMs = spec.windowDays * DAY_MS;
    this.perWindow = Math.max(1, Math.round(spec.windowDays / CUTOFF_STEP_DAYS));
    this.stepMs = this.windowMs / this.perWindow;
  }

  /** Cutoff `j`: `now - window - j·step`. */
  private cutoff(j: number): number {
    return this.nowMs - this.windowMs - j * this.stepMs;
  }

  add(profile: Profile): void {
    const timeline = timelineOf(profile);
    const series = eventSeries(
      timeline,
      (event, atMs) => this.conditions.matchesGoal(profile, event, atMs),
      this.values,
    );
    const first = timeline.times[0];
    if (first !== undefined && first < this.historyStartMs) this.historyStartMs = first;
    series.types.forEach((type, i) => {
      if (type === undefined) return;
      this.typeCounts.set(type, (this.typeCounts.get(type) ?? 0) + 1);
      if (series.goal[i] === 1) this.goalCounts.set(type, (this.goalCounts.get(type) ?? 0) + 1);
    });
    this.survey.add(profile.attributes);
    const eligibleAt = (ms: number) =>
      this.conditions.everyoneEligible || this.conditions.eligibleAt(profileAsOf(profile, timeline, ms), ms);
    const record: ProfileRecord = {
      id: profile.id,
      group: groupOf(profile.id),
      series,
      attributes: profile.attributes,
      eligibleNow: eligibleAt(this.nowMs),
      cutoffs: [],
      labels: [],
    };
    for (let j = 0; first !== undefined; j++) {
      const cutoff = this.cutoff(j);
      if (cutoff < first) break; // not a customer yet
      if (!eligibleAt(cutoff)) continue;
      const occurred = goalBetween(series, cutoff, cutoff + this.windowMs);
      record.cutoffs.push(j);
      record.labels.push((this.spec.type === "conversion" ? occurred : !occurred) ? 1 : 0);
    }
    this.records.push(record);
  }

  /** The sets, after the data checks; throws {@link DataCheckError} saying what is missing. */
  finish(): Datasets {
    const { lookbackDays, windowDays } = this.spec;
    const historyStart = Number.isFinite(this.historyStartMs) ? new Date(this.historyStartMs) : undefined;
    const historyDays = historyStart === undefined ? 0 : (this.nowMs - this.historyStartMs) / DAY_MS;
    if (historyDays < lookbackDays + windowDays) {
      throw new DataCheckError([
        `the events span ${historyDays.toFixed(1)} days before now; training needs at least the lookback ` +
          `plus the window, ${lookbackDays} + ${windowDays} = ${lookbackDays + windowDays} days`,
      ]);
    }
    const layout = discoverLayout(
      lookbackDays,
      { counts: this.typeCounts, goalCounts: this.goalCounts },
      this.values,
      this.spec.eventTypes,
    );
    // The lookback of every cutoff but the last lies inside the history.
    const usable = (j: number) => j === 0 || this.cutoff(j) - lookbackDays * DAY_MS >= this.historyStartMs;
    const chosen = chooseAttributeEncodings(this.survey, this.spec.attributes);
    const { encodings, skipped } = this.withoutMovingInstants(chosen, usable);
    const schema = featureSchema(layout, encodings);

    type Pick = { record: ProfileRecord; k: number };
    const picks: Record<Group, Pick[]> = { train: [], validation: [], test: [] };
    for (const record of this.records) {
      record.cutoffs.forEach((j, k) => {
        if (!usable(j) || (record.group === "test" && j !== 0)) return;
        picks[record.group].push({ record, k });
      });
    }
    const available = { train: picks.train.length, validation: picks.validation.length };
    // Over the cap, examples are sampled evenly across profiles and cutoffs.
    const sample = (list: Pick[], max: number) =>
      list.length <= max
        ? list
        : list.filter(({ record, k }) => unitHash(`${record.id}#${record.cutoffs[k]}`) < max / list.length);

    const writer = new RowWriter(schema);
    const valueSlot = this.values.slotsFor(layout.values);
    const build = (list: Pick[]): ExampleSet => {
      const x: Matrix = {
        rows: list.length,
        cols: writer.size,
        data: new Float32Array(list.length * writer.size),
      };
      list.forEach(({ record, k }, row) => {
        writer.write(
          record.series,
          record.attributes,
          this.cutoff(record.cutoffs[k]!),
          x.data,
          row,
          valueSlot,
        );
      });
      return {
        x,
        y: Float32Array.from(list, ({ record, k }) => record.labels[k]!),
        profileIds: list.map(({ record }) => record.id),
        cutoffIndex: Int32Array.from(list, ({ record, k }) => record.cutoffs[k]!),
      };
    };
    const train = build(sample(picks.train, MAX_TRAIN_EXAMPLES));
    const validation = build(sample(picks.validation, MAX_VALIDATION_EXAMPLES));
    const test = build(picks.test);
    this.checkData(train, validation, test);
    const inPhase = (list: Pick[]) =>
      list.filter(({ record, k }) => record.cutoffs[k]! % this.perWindow === 0);
    const phased =
      this.perWindow === 1
        ? undefined
        : {
            train: build(sample(inPhase(picks.train), MAX_TRAIN_EXAMPLES)),
            validation: build(sample(inPhase(picks.validation), MAX_VALIDATION_EXAMPLES)),
          };

    const toScore = this.records.filter((r) => r.eligibleNow);
    const scoring = {
      x: { rows: toScore.length, cols: writer.size, data: new Float32Array(toScore.length * writer.size) },
      profileIds: toScore.map((r) => r.id),
    };
    toScore.forEach((r, row) => {
      writer.write(r.series, r.attributes, this.nowMs, scoring.x.data, row, valueSlot);
    });
    const cutoffs: Date[] = [];
    for (let j = 0; usable(j) && this.cutoff(j) >= this.historyStartMs; j++)
      cutoffs.push(new Date(this.cutoff(j)));
    return {
      schema,
      skippedAttributes: skipped,
      train,
      validation,
      inPhase: phased,
      test,
      scoring,
      cutoffs,
      perWindow: this.perWindow,
      available,
      historyStart,
    };
  }

  /**
   * Attributes are read as they are now. An instant that is later than a cutoff at which the profile
   * already had events (a `lastLogin`, a `lastOrderDate`) moves with activity: read at that cutoff
   * it would tell whether the profile came back afterwards, the future the model must predict.
   * Such an attribute is left out, and the metrics say why.
   */
  private withoutMovingInstants(
    chosen: { encodings: AttributeEncoding[]; skipped: SkippedAttribute[] },
    usable: (j: number) => boolean,
  ): { encodings: AttributeEncoding[]; skipped: SkippedAttribute[] } {
    const encodings: AttributeEncoding[] = [];
    const skipped = [...chosen.skipped];
    for (const e of chosen.encodings) {
      if (e.kind !== "instant") {
        encodings.push(e);
        continue;
      }
      let examples = 0;
      let later = 0;
      for (const r of this.records) {
        const t = instantMs(readAttribute(r.attributes, e.path));
        for (const j of r.cutoffs) {
          if (!usable(j)) continue;
          examples++;
          if (t !== undefined && t > this.cutoff(j)) later++;
        }
      }
      if (later > MAX_LATER_INSTANTS * examples) {
        skipped.push({
          path: e.path,
          reason:
            `later than the cutoff for ${((100 * later) / examples).toFixed(1)}% of examples that already had events: ` +
            "it changes with activity, and reading it at a past cutoff would see the future",
        });
      } else {
        encodings.push(e);
      }
    }
    return { encodings, skipped };
  }

  private checkData(train: ExampleSet, validation: ExampleSet, test: ExampleSet): void {
    const problems: string[] = [];
    const positives = sum(train.y);
    const negatives = train.y.length - positives;
    const { minPositives, minNegatives } = this.spec.dataChecks;
    const what = this.spec.type === "churn" ? "churned" : "converted";
    if (positives < minPositives)
      problems.push(`${positives} positive training examples (${what}); at least ${minPositives} are needed`);
    if (negatives < minNegatives)
      problems.push(`${negatives} negative training examples; at least ${minNegatives} are needed`);
    for (const [name, set] of [
      ["validation", validation],
      ["test", test],
    ] as const) {
      const pos = sum(set.y);
      if (set.y.length === 0)
        problems.push(`there are no ${name} examples (profiles that existed one window before now)`);
      else if (pos === 0 || pos === set.y.length)
        problems.push(`the ${name} examples hold only one class (${pos} of ${set.y.length} positive)`);
    }
    if (problems.length > 0) throw new DataCheckError(problems);
  }
}

/** Did a goal event happen in `(fromMs, toMs]`? */
export function goalBetween(series: EventSeries, fromMs: number, toMs: number): boolean {
  for (let i = countUpTo(series, fromMs); i < series.times.length && series.times[i]! <= toMs; i++) {
    if (series.goal[i] === 1) return true;
  }
  return false;
}

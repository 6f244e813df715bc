/**
 * A run's segments evaluated on one profile so that one segment failing on it does not take the
 * others, or the shard, down (ARCHITECTURE.md, "A batch run": evaluation errors). The compiled
 * set evaluates every segment in one pass and is tried first; only when it throws are the run's
 * segments evaluated one by one (each compiled once, with what it reads, the first time a profile
 * needs it), to tell the segments that fail on the profile from those that do not.
 *
 * A real case: a path through an array of objects whose arrays hold more than about 120,000
 * values exceeds the call stack (packages/segment-language `semantics/paths.ts` spreads them),
 * which `faults/evaluation-errors.test.ts` uses.
 */
import {
  type CompiledSegments,
  checkSegments,
  compileSegments,
  type Profile,
  selectSegments,
} from "@segflow/segment-language";
import type { RunDoc } from "@segflow/store";

export interface GuardedResult {
  /** Whether the profile qualifies, for each target segment that could be evaluated. */
  qualifies: Map<string, boolean>;
  /** The target segments that threw on the profile, with the error's class and message. */
  failed: { segmentId: string; message: string }[];
}

export type GuardedEvaluator = (profile: Profile, nowMs: number) => GuardedResult;

/** "RangeError: Maximum call stack size exceeded", or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function guardedEvaluator(
  run: Pick<RunDoc, "segments" | "segmentIds">,
  compiled: CompiledSegments,
): GuardedEvaluator {
  const at = run.segmentIds.map((id) => ({ id, i: compiled.ids.indexOf(id) }));
  const alone = new Map<string, CompiledSegments>();
  let checked: ReturnType<typeof checkSegments> | undefined;
  const compiledAlone = (id: string) => {
    let one = alone.get(id);
    if (!one) {
      checked ??= checkSegments(run.segments);
      one = compileSegments(selectSegments(checked, [id]));
      alone.set(id, one);
    }
    return one;
  };

  return (profile, nowMs) => {
    const qualifies = new Map<string, boolean>();
    const failed: GuardedResult["failed"] = [];
    let results: boolean[] | undefined;
    try {
      results = compiled.evaluate(profile, nowMs);
    } catch {
      // Some segment threw: find which, one at a time.
    }
    for (const { id, i } of at) {
      if (results) {
        qualifies.set(id, results[i]!);
        continue;
      }
      try {
        const one = compiledAlone(id);
        qualifies.set(id, one.evaluate(profile, nowMs)[one.ids.indexOf(id)]!);
      } catch (error) {
        failed.push({ segmentId: id, message: errorMessage(error) });
      }
    }
    return { qualifies, failed };
  };
}

/**
 * `compileSegments`: a checked set of definitions → one evaluator. Segments run in dependency
 * order and read each other's results through `inSegment`; event work is shared through one
 * {@link EventPlan}. A compiled set is cheap to call and keeps no state between profiles, but
 * is not re-entrant (one evaluation at a time, as in a worker's loop).
 */
import { type CheckResult, checkSegments, type SegmentDefinition } from "../checker.js";
import { SegmentLanguageError } from "../errors.js";
import type { Profile } from "../profile.js";
import { EvalContext } from "./context.js";
import { EventPlan } from "./event-plan.js";
import { type Explanation, explainSegment } from "./explain.js";
import { type CondFn, ExpressionCompiler } from "./expressions.js";

export interface CompiledSegments {
  /** Segment ids, in the order of the definitions. */
  readonly ids: readonly string[];
  /** Membership in each segment, aligned with {@link ids}, for `profile` at `nowMs`. */
  evaluate(profile: Profile, nowMs: number): boolean[];
  /** Why `profile` is or is not in `segmentId` at `nowMs`. */
  explain(profile: Profile, segmentId: string, nowMs: number): Explanation;
}

const isCheckResult = (set: CheckResult | readonly SegmentDefinition[]): set is CheckResult =>
  !Array.isArray(set);

const UNKNOWN = 0;
const OUT = 1;
const IN = 2;

/**
 * Compiles a checked set (`checkSegments`, or a part of one from `selectSegments`): nothing is
 * parsed again. Definitions are checked first, for a caller that has no check result yet.
 * Throws a {@link SegmentLanguageError} with every error when the set has any.
 */
export function compileSegments(set: CheckResult | readonly SegmentDefinition[]): CompiledSegments {
  const { segments, errors, evaluationOrder } = isCheckResult(set) ? set : checkSegments(set);
  if (errors.length > 0) throw new SegmentLanguageError(errors);

  const ids = segments.map((s) => s.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const conds: CondFn[] = [];

  const membership = (ctx: EvalContext, i: number): boolean => {
    const state = ctx.segmentState[i];
    if (state !== UNKNOWN) return state === IN;
    const holds = conds[i]!(ctx);
    ctx.segmentState[i] = holds ? IN : OUT;
    return holds;
  };

  const plan = new EventPlan();
  const compiler = new ExpressionCompiler({
    eventSet: (node) => plan.eventSet(node),
    inSegment: (id) => {
      const i = index.get(id)!;
      return (ctx) => membership(ctx, i);
    },
  });
  plan.use(compiler);
  for (const s of segments) conds.push(compiler.cond(s.ast.root));
  plan.seal();

  const order = evaluationOrder.map((id) => index.get(id)!);
  const ctx = new EvalContext(plan.slots, segments.length);

  return {
    ids,
    evaluate(profile, nowMs) {
      ctx.reset(profile, nowMs);
      const out = new Array<boolean>(ids.length);
      for (const i of order) out[i] = membership(ctx, i);
      return out;
    },
    explain(profile, segmentId, nowMs) {
      const i = index.get(segmentId);
      if (i === undefined) throw new RangeError(`unknown segment ${JSON.stringify(segmentId)}`);
      ctx.reset(profile, nowMs);
      return explainSegment(segments[i]!, ctx, compiler, (id) => membership(ctx, index.get(id)!));
    },
  };
}

/**
 * As a definition is typed: its language errors (`POST /v1/segments/validate`) and, once it is
 * valid, its estimated size (`POST /v1/segments/estimate`), each a short pause after the last key
 * so that typing does not send a request per key. A newer text cancels the calls for an older one.
 */
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client.js";
import { type Estimate, segmentsApi } from "../../api/segments.js";
import type { EditorError } from "../../editor/SegmentEditor.js";

/** Pause after the last change before checking. */
const VALIDATE_DELAY_MS = 300;

/** The ids the API accepts (packages/store's SEGMENT_ID): another id is not sent. */
const SEGMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface DefinitionCheck {
  /** The text the answers below are about. */
  checkedText: string | null;
  errors: EditorError[];
  estimate: Estimate | null;
  estimating: boolean;
  /** Why the check or the estimate could not be made (not a language error). */
  failure: string | null;
}

const EMPTY: DefinitionCheck = {
  checkedText: null,
  errors: [],
  estimate: null,
  estimating: false,
  failure: null,
};

export function useDefinitionCheck(definition: string, segmentId: string | undefined): DefinitionCheck {
  const [check, setCheck] = useState<DefinitionCheck>(EMPTY);
  const id = segmentId && SEGMENT_ID.test(segmentId) ? segmentId : undefined;

  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const validation = await segmentsApi.validate(definition, id, abort.signal);
        const errors = validation.errors.map((e) => ({
          text: definition,
          line: e.line,
          column: e.column,
          message: `${e.line}:${e.column}: ${e.reason}`,
        }));
        const canEstimate = validation.valid && definition.trim() !== "";
        setCheck({ checkedText: definition, errors, estimate: null, estimating: canEstimate, failure: null });
        if (!canEstimate) return;
        const estimate = await segmentsApi.estimate(definition, id, abort.signal);
        setCheck((c) => (c.checkedText === definition ? { ...c, estimate, estimating: false } : c));
      } catch (error) {
        if (abort.signal.aborted) return;
        const failure = error instanceof ApiError ? error.message : String(error);
        setCheck((c) => ({ ...c, checkedText: definition, estimating: false, failure }));
      }
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [definition, id]);

  return check;
}

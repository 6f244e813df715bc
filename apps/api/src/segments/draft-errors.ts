/**
 * Language errors of a definition sent without an id. It is checked under an id the user never
 * gave (`DRAFT_ID` for the tools, one generated from the name for a new segment): the answer names
 * the field instead (`definition: 1:5: …`) and has no segment id.
 */
import type { LanguageErrorResponse } from "@segflow/api-contract";
import { DRAFT_ID } from "@segflow/evaluation";
import type { LanguageError } from "@segflow/segment-language";
import { AppError } from "../http/errors.js";

/** `errors` as answered: those of `unnamedId` name the field, not that id. */
export function draftErrors(errors: readonly LanguageError[], unnamedId = DRAFT_ID): LanguageErrorResponse[] {
  return errors.map((e) =>
    e.segmentId === unnamedId
      ? { ...e, segmentId: null, message: `definition: ${e.line}:${e.column}: ${e.reason}` }
      : e,
  );
}

/** The 400 of a definition that does not check (`invalid_definition`, every error positioned). */
export function invalidDefinition(errors: readonly LanguageError[], unnamedId?: string): AppError {
  const answered = draftErrors(errors, unnamedId);
  return new AppError("invalid_definition", answered.map((e) => e.message).join("; "), { errors: answered });
}

/**
 * Cron patterns for scheduled evaluations. BullMQ's job schedulers parse patterns with
 * cron-parser; checking with the same parser first turns a bad pattern into a 400 before
 * anything is stored.
 */
import { CronExpressionParser } from "cron-parser";

/** Why `pattern` is not a usable cron pattern, or undefined when it is. */
export function cronProblem(pattern: string): string | undefined {
  const text = pattern.trim();
  const fields = text.split(/\s+/).length;
  // cron-parser fills in missing fields ("* * *" would mean every minute): ask for all of them.
  if (!text.startsWith("@") && fields !== 5 && fields !== 6) {
    return `expected a cron pattern of 5 fields (minute hour day month weekday) or 6 (with seconds first), got ${fields}`;
  }
  try {
    CronExpressionParser.parse(text);
    return undefined;
  } catch (error) {
    return `not a valid cron pattern: ${(error as Error).message}`;
  }
}

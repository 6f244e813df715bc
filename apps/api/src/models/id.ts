import { slugId } from "../http/slug-id.js";

/**
 * An id for a model created without one (`"Churn in 30 days"` → `churn_in_30_days_k3x9q2`),
 * within `SEGMENT_ID`. Underscores, not hyphens: segments read the model's scores at
 * `scores.<id>`, where `scores.churn-in-30` would read as a subtraction (a hyphenated id needs
 * backticks there).
 */
export function generateModelId(name: string): string {
  return slugId(name, "_", "model");
}

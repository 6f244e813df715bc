/** The demo's propensity models (as `POST /v1/models` takes them) and a segment that uses a score. */
export const DEMO_MODELS = [
  {
    id: "churn",
    name: "Churn in the next 30 days",
    type: "churn",
    // Churn is the absence of the goal: no event of any kind in the window.
    goal: "type is not null",
    windowDays: 30,
    // No attributes listed: the model considers every attribute with usable coverage.
  },
  {
    id: "purchase",
    name: "Purchase in the next 30 days",
    type: "conversion",
    goal: 'type = "purchase"',
    windowDays: 30,
  },
] as const;

export const DEMO_SCORE_SEGMENT = {
  id: "vip-likely-to-churn",
  name: "VIPs at least 50% likely to churn",
  definition: 'inSegment("vip") and scores.churn.score >= 50',
};

// Import rules from design.md ("Layout"): no cycles, apps never imported by packages,
// and the pure packages import nothing of ours.
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    {
      name: "packages-do-not-import-apps",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "segment-language-is-pure",
      comment: "segment-language, config, logger, queues, synthetic and api-contract import nothing of ours",
      severity: "error",
      from: { path: "^packages/(segment-language|config|logger|queues|synthetic|api-contract)/" },
      to: { path: "^packages/", pathNot: "^packages/$1/" },
    },
    {
      name: "propensity-is-pure",
      comment: "features, models and metrics: no I/O packages, no queue code (design.md, Layout)",
      severity: "error",
      // Its tests may check it against the synthetic population's known truth.
      from: { path: "^packages/propensity/", pathNot: "\\.test\\.ts$" },
      to: { path: "^packages/", pathNot: ["^packages/propensity/", "^packages/segment-language/"] },
    },
    {
      name: "store-and-queues-apart",
      severity: "error",
      from: { path: "^packages/(store|queues)/" },
      to: { path: "^packages/(store|queues)/", pathNot: "^packages/$1/" },
    },
    {
      name: "evaluation-is-queue-agnostic",
      comment: "runs and shards are evaluated the same whoever schedules them",
      severity: "error",
      from: { path: "^packages/evaluation/" },
      to: { path: "^packages/queues/" },
    },
    {
      name: "destinations-is-queue-agnostic",
      comment: "the feed and its deliveries read and write the store only; the apps enqueue their jobs",
      severity: "error",
      from: { path: "^packages/destinations/", pathNot: "\\.test\\.ts$" },
      to: { path: "^packages/", pathNot: ["^packages/destinations/", "^packages/store/"] },
    },
    {
      name: "no-deep-imports",
      comment:
        "a package is used through its src/index.ts only (and the TF.js-free entries: propensity's spec.ts, training's lifecycle.ts)",
      severity: "error",
      from: { path: "^(packages|apps)/([^/]+)/" },
      to: {
        path: "^packages/([^/]+)/src/.+",
        pathNot: [
          "^packages/$2/",
          "^packages/[^/]+/src/index\\.ts$",
          "^packages/propensity/src/spec\\.ts$",
          "^packages/training/src/lifecycle\\.ts$",
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // exportsFields: resolve `@segflow/*` through their `exports` maps (the source condition);
    // without it the workspace packages are "unknown" and no cross-package rule checks anything.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["segflow-source", "import", "node", "default"],
    },
  },
};

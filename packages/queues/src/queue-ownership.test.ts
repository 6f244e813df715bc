/**
 * Jobs go in and out through packages/queues only (ARCHITECTURE.md, "Jobs"): no BullMQ Queue,
 * Worker, FlowProducer or QueueEvents is constructed anywhere else in the repository, tests and
 * scripts included. dependency-cruiser sees imports, not constructor calls, hence this test.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLASSES = ["Queue", "Worker", "FlowProducer", "QueueEvents"];

/** The BullMQ classes `source` constructs (`new Queue(`), counting only names imported from bullmq. */
function bullmqConstructions(source: string): string[] {
  const imported = new Set<string>();
  for (const m of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+["']bullmq["']/g)) {
    for (const part of m[1]!.split(",")) {
      const [name, alias] = part
        .replace(/^\s*type\s+/, "")
        .trim()
        .split(/\s+as\s+/);
      if (name && CLASSES.includes(name)) imported.add(alias ?? name);
    }
  }
  const namespaces = [...source.matchAll(/import\s+\*\s+as\s+(\w+)\s+from\s+["']bullmq["']/g)].map(
    (m) => m[1]!,
  );
  const found: string[] = [];
  for (const m of source.matchAll(/new\s+([\w.]+)\s*\(/g)) {
    const [first, second] = m[1]!.split(".");
    if (
      second === undefined ? imported.has(first!) : namespaces.includes(first!) && CLASSES.includes(second)
    ) {
      found.push(m[1]!);
    }
  }
  return found;
}

describe("queue ownership", () => {
  it("recognises BullMQ constructions and nothing else", () => {
    expect(bullmqConstructions('import { Queue } from "bullmq";\nconst q = new Queue("x");')).toEqual([
      "Queue",
    ]);
    expect(bullmqConstructions('import { Worker as W } from "bullmq";\nnew W("x", f);')).toEqual(["W"]);
    expect(bullmqConstructions('import * as bull from "bullmq";\nnew bull.FlowProducer({});')).toEqual([
      "bull.FlowProducer",
    ]);
    // A worker thread is not a BullMQ worker.
    expect(bullmqConstructions('import { Worker } from "node:worker_threads";\nnew Worker(path);')).toEqual(
      [],
    );
  });

  it("finds no BullMQ queue, worker, flow producer or queue events outside packages/queues", () => {
    const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => f && !f.startsWith("packages/queues/") && !f.startsWith("vendor/"));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => {
      let source: string;
      try {
        source = readFileSync(join(root, file), "utf8");
      } catch {
        return []; // listed but deleted in the working tree
      }
      return bullmqConstructions(source).map((name) => `${file}: new ${name}(`);
    });
    expect(offenders).toEqual([]);
  });
});

import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { Profile } from "@segflow/segment-language";
import { CliError, ExitCode, errorMessage, LineError } from "./cli-error.js";
import { readJsonLines } from "./jsonl.js";
import { toProfile } from "./profile-shape.js";

/** An opened profiles input and how line errors name it (`P.jsonl`, `<stdin>` for `-`). */
export interface ProfileInput {
  input: Readable;
  source: string;
}

/** Opens the file up front so that a missing one is a usage error (exit 2) with stdout empty. */
export async function openProfiles(path: string, stdin: Readable): Promise<ProfileInput> {
  if (path === "-") return { input: stdin, source: "<stdin>" };
  try {
    const handle = await open(path, "r");
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new Error("it is a directory");
    }
    return { input: handle.createReadStream({ encoding: "utf8" }), source: path };
  } catch (error) {
    throw new CliError(`cannot read profiles file ${path}: ${errorMessage(error)}`, ExitCode.usage);
  }
}

/**
 * The profiles of a JSON Lines input, one at a time, with their line numbers.
 * @throws LineError (exit 1) at the first line that is not JSON or not a profile.
 */
export async function* readProfiles({ input, source }: ProfileInput): AsyncGenerator<{
  line: number;
  profile: Profile;
}> {
  for await (const { line, value } of readJsonLines(input, source)) {
    const profile = toProfile(value);
    if (typeof profile === "string") throw new LineError(source, line, profile);
    yield { line, profile };
  }
}

/** Seeded randomness (seedrandom, which TF.js uses too), so that training is reproducible for a seed. */
import seedrandom from "seedrandom";

export function seededRandom(seed: number): () => number {
  return seedrandom(String(seed));
}

/** Fisher-Yates in place. */
export function shuffle(values: Int32Array, random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const v = values[i]!;
    values[i] = values[j]!;
    values[j] = v;
  }
}

/**
 * A small seeded PRNG and the draws the generator needs. Nothing here touches Math.random: the
 * same seed gives the same numbers on every run and every machine (V8's Math.exp/log/sqrt are
 * deterministic for a given Node version; the draws below use nothing else).
 */

/** Uniform draws in [0, 1) and the distributions built on them. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** Standard normal (Box-Muller), scaled: mean `mean`, standard deviation `sd`. */
  normal(mean?: number, sd?: number): number;
  /** Poisson with mean `lambda` (Knuth below 30, a rounded normal above). */
  poisson(lambda: number): number;
  /** Exponential with mean `mean`. */
  exponential(mean: number): number;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): one 32-bit state, period 2^32, good enough
 * statistical quality for simulation, and fast.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed for stream `index` of a population seeded with `seed` (murmur3's finaliser over
 * both): each profile gets its own stream, so profile i is the same whatever the population's
 * size. `seed` may be any safe integer; its high bits are mixed in too.
 */
export function streamSeed(seed: number, index: number): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  let h = fmix32(low ^ 0x9e3779b9);
  h = fmix32(h ^ high ^ 0x85ebca6b);
  return fmix32(h ^ Math.imul(index >>> 0, 0xc2b2ae35) ^ 0x27d4eb2f);
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (p) => next() < p,
    normal(mean = 0, sd = 1) {
      // 1 - next() is in (0, 1]: log never sees 0.
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    poisson(lambda) {
      if (lambda <= 0) return 0;
      if (lambda >= 30) return Math.max(0, Math.round(random.normal(lambda, Math.sqrt(lambda))));
      const limit = Math.exp(-lambda);
      let k = 0;
      let product = next();
      while (product > limit) {
        k++;
        product *= next();
      }
      return k;
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    pick: (items) => items[Math.floor(items.length * next())]!,
    weighted(items) {
      let total = 0;
      for (const [, weight] of items) total += weight;
      let target = next() * total;
      for (const [item, weight] of items) {
        target -= weight;
        if (target < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
  return random;
}

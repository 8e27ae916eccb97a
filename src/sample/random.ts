// A seeded, platform-independent pseudo-random source (sfc32 seeded by cyrb128), with the small set of helpers the
// generator needs. Nothing here reads the clock or Math.random, so a seed always yields the same stream.

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of `items`, chosen with the matching (unnormalized) weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Approximately normal (Irwin-Hall sum of 12 uniforms), only arithmetic so it is identical everywhere. */
  normal(mean: number, sd: number): number;
  /** Log-normal-ish: median × e^(normal(0, sigma)). */
  logNormal(median: number, sigma: number): number;
  /** Shuffles a copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream named `label`: adding draws to one module never shifts another's. */
  fork(label: string): Rng;
}

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** e^x by range reduction and a Taylor series: no dependence on the platform's Math.exp. */
export function exp(x: number): number {
  const n = Math.round(x / Math.LN2);
  const r = x - n * Math.LN2;
  let term = 1;
  let sum = 1;
  for (let i = 1; i < 20; i++) {
    term = (term * r) / i;
    sum += term;
  }
  return sum * 2 ** n;
}

export function createRng(seed: string | number): Rng {
  const label = String(seed);
  let [a, b, c, d] = cyrb128(label);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();

  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items, weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    normal: (mean, sd) => {
      let s = 0;
      for (let i = 0; i < 12; i++) s += next();
      return mean + (s - 6) * sd;
    },
    logNormal: (median, sigma) => median * exp(rng.normal(0, sigma)),
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i]!;
        out[i] = out[j]!;
        out[j] = tmp;
      }
      return out;
    },
    fork: (name) => createRng(`${label}/${name}`),
  };
  return rng;
}

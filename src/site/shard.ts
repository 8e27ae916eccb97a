// Which pages this render process writes: all of them, or — when the site is rendered in several processes (see
// src/pipeline/render/shards.ts) — every n-th page of each kind, starting at the k-th. Each page's getStaticPaths
// passes its paths through `inShard`.

/** The environment variable holding "k/n": this process renders shard k of n. */
export const SHARD_ENV = "PODIUM_RENDER_SHARD";

function parse(spec: string | undefined): { k: number; n: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(spec ?? "");
  if (!m) return undefined;
  const [k, n] = [Number(m[1]), Number(m[2])];
  if (n < 1 || k >= n) throw new Error(`invalid ${SHARD_ENV}: ${spec}`);
  return { k, n };
}

/** The paths this process renders (dealt out in turn, so each shard gets its share of every kind of page). */
export function inShard<T>(paths: T[], spec = process.env[SHARD_ENV]): T[] {
  const shard = parse(spec);
  return shard ? paths.filter((_, i) => i % shard.n === shard.k) : paths;
}

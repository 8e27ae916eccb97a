// Small writing helpers for headlines written from data: changes in words, names in title case, lists.
import { formatValue, type Format } from "../components/format.ts";

/** "inside sales" → "Inside Sales". */
export function titleCase(text: string): string {
  return text.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "1 shout-out", "3 shout-outs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatValue(n, "int")} ${n === 1 ? one : many}`;
}

export const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * A change against the previous quarter in words: relative for counts and money ("up 30%"), in points for shares
 * ("up 4 pts"), absolute for decimals and days ("down 0.05", "up 3 days"). Empty string when either side is missing.
 */
export function changeWords(current: unknown, previous: unknown, format: Format, options: { digits?: number } = {}): string {
  const now = num(current);
  const before = num(previous);
  if (now === undefined || before === undefined) return "";
  const diff = now - before;
  if (Math.abs(diff) < 1e-9) return "unchanged";
  const dir = diff > 0 ? "up" : "down";
  const abs = Math.abs(diff);
  switch (format) {
    case "percent":
      return `${dir} ${formatValue(abs * 100, "decimal", { digits: abs * 100 < 10 ? 1 : 0 })} pts`;
    case "decimal":
      return `${dir} ${formatValue(abs, "decimal", { digits: options.digits ?? 2 })}`;
    case "days":
      return `${dir} ${formatValue(abs, "days", { digits: 0 })}`;
    default:
      if (before === 0) return `${dir} from 0`;
      const rel = abs / Math.abs(before);
      return `${dir} ${formatValue(rel, "percent", { digits: rel < 0.095 ? 1 : 0 })}`;
  }
}

/** The direction of a change, for arrows and colours. */
export function direction(current: unknown, previous: unknown): "up" | "down" | "flat" | undefined {
  const now = num(current);
  const before = num(previous);
  if (now === undefined || before === undefined) return undefined;
  return Math.abs(now - before) < 1e-9 ? "flat" : now > before ? "up" : "down";
}

/** A rank move as a short label: "▲ 2", "▼ 1", "–", "new". */
export function moveLabel(rankChange: unknown): string {
  const c = num(rankChange);
  if (c === undefined) return "new";
  return c > 0 ? `▲ ${c}` : c < 0 ? `▼ ${-c}` : "–";
}

/** A rank move in words: "up 2 places", "down 1 place", "no change", "new on the board". */
export function moveWords(rankChange: unknown): string {
  const c = num(rankChange);
  if (c === undefined) return "new on the board";
  if (c === 0) return "no change";
  return `${c > 0 ? "up" : "down"} ${plural(Math.abs(c), "place")}`;
}

/** Shortens text to `max` characters at a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

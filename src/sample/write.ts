// Writers: CSV (RFC 4180 quoting), JSON Lines and a pretty-printed JSON array, written through a buffer so large
// runs stream to disk. Numbers are formatted here, never by a locale; lines end in \n.
import { closeSync, openSync, writeSync } from "node:fs";

export type Cell = string | number | undefined;

/** A plain decimal: integers as is, fractions to at most 6 places, never exponent notation. */
export function fmtNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(Math.round(n * 1e6) / 1e6);
  if (/e/i.test(s)) throw new Error(`number out of range for plain notation: ${n}`);
  return s;
}

export function csvCell(v: Cell): string {
  if (v === undefined) return "";
  const s = typeof v === "number" ? fmtNumber(v) : v;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(",")}\n`;

export class FileWriter {
  private fd: number;
  private chunks: string[] = [];
  private size = 0;
  lines = 0;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  line(text: string): void {
    this.write(`${text}\n`);
    this.lines++;
  }

  flush(): void {
    if (this.chunks.length > 0) writeSync(this.fd, this.chunks.join(""));
    this.chunks = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes a CSV with a header; returns the number of data rows. */
export function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly Cell[]>): number {
  const w = new FileWriter(path);
  w.write(csvLine(header));
  let n = 0;
  for (const r of rows) {
    if (r.length !== header.length) throw new Error(`${path}: row has ${r.length} cells, header ${header.length}`);
    w.write(csvLine(r));
    n++;
  }
  w.close();
  return n;
}

/** One JSON object per line; objects are built by the caller with their keys in a fixed order. */
export function writeJsonl(path: string, rows: Iterable<object>): number {
  const w = new FileWriter(path);
  let n = 0;
  for (const r of rows) {
    w.write(`${JSON.stringify(r)}\n`);
    n++;
  }
  w.close();
  return n;
}

/** A JSON array, 2-space indented, byte-identical to JSON.stringify(array, null, 2) plus a final newline. */
export function writeJsonArray(path: string, rows: Iterable<object>): number {
  const w = new FileWriter(path);
  let n = 0;
  for (const r of rows) {
    const body = JSON.stringify(r, null, 2).replace(/\n/g, "\n  ");
    w.write(`${n === 0 ? "[\n  " : ",\n  "}${body}`);
    n++;
  }
  w.write(n === 0 ? "[]\n" : "\n]\n");
  w.close();
  return n;
}

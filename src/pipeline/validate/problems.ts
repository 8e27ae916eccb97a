// A problem found in the inputs, located as `file:line:column [rule] message`.

export interface Problem {
  /** Path of the input file as the user named it (e.g. `data/deals.csv`). */
  file: string;
  /** 1-based line of the file; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based character column within the line; 0 when the problem concerns the whole file or line. */
  column: number;
  /** Short rule id, e.g. `type`, `required`, `ref:person`, `unique`. */
  rule: string;
  message: string;
  /** Errors stop the build; warnings are reported in the data-quality report. Default: error. */
  severity?: "error" | "warning";
}

export const isError = (p: Problem) => p.severity !== "warning";

export const formatProblem = (p: Problem) => `${p.file}:${p.line}:${p.column} [${p.rule}] ${p.message}`;

/** Problems sorted by file, line and column, so reports read top to bottom and repeat exactly. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** The report printed when validation fails: every problem up to `cap`, then the total. */
export function formatReport(problems: readonly Problem[], cap = 50): string {
  const sorted = sortProblems(problems);
  const lines = sorted.slice(0, cap).map(formatProblem);
  if (sorted.length > cap) lines.push(`… and ${sorted.length - cap} more`);
  lines.push(`${sorted.length} problem${sorted.length === 1 ? "" : "s"} found; nothing was written to the output folder.`);
  return lines.join("\n");
}

/** Thrown when the inputs cannot build a correct site. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(formatReport(problems));
    this.problems = problems;
    this.name = "InputError";
  }
}

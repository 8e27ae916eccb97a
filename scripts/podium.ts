// npm run podium -- <command> --data DIR: the analyst's commands for bringing their own exports.
//   init   proposes a podium.mapping.yaml from the files in DIR (never overwrites one without --force)
//   check  reads, validates, loads and models DIR as the build would, and prints the data-quality report; exit 1 on errors
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { consoleEffects, prepare, silentEffects } from "../src/pipeline/build.ts";
import { openDatabase } from "../src/pipeline/load/database.ts";
import { proposeMapping } from "../src/pipeline/mapping/init.ts";
import { findMappingFile } from "../src/pipeline/mapping/load.ts";
import { formatProblem, InputError, sortProblems } from "../src/pipeline/validate/problems.ts";

const HELP = `Usage: npm run podium -- <command> --data DIR [options]

Commands:
  init    write a starting podium.mapping.yaml for the exports in DIR: headers sniffed, presets recognised,
          the unknowns marked TODO for you to fill in (an existing mapping is kept unless --force)
  check   read and validate DIR through its mapping (or standard files), load and model it, and print the
          data-quality report without building the site; exits 1 when there are errors

Options:
  --data DIR   the data folder (default: data/)
  --force      init: overwrite an existing mapping file
  --quiet      check: print only the problems
  --help       show this help`;

const { values, positionals } = parseArgs({
  options: {
    data: { type: "string", default: "data" },
    force: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
  allowPositionals: true,
  strict: true,
});

const command = positionals[0];
if (values.help || !command) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}

if (!(await stat(values.data).then((s) => s.isDirectory(), () => false))) {
  console.error(`${values.data}: no such folder`);
  process.exit(2);
}

if (command === "init") {
  const existing = await findMappingFile(values.data);
  if (existing && !values.force) {
    console.error(`${join(values.data, existing)} already exists; it was left as it is (use --force to replace it).`);
    process.exit(1);
  }
  const { text, todos } = await proposeMapping(values.data);
  const path = join(values.data, "podium.mapping.yaml");
  await writeFile(path, text);
  console.log(text);
  console.log(`Wrote ${path}${todos > 0 ? ` with ${todos} TODO${todos === 1 ? "" : "s"} to fill in` : ""}. Then run: npm run podium -- check --data ${values.data}`);
} else if (command === "check") {
  const db = await openDatabase(":memory:");
  try {
    const prepared = await prepare(values.data, db, values.quiet ? silentEffects : consoleEffects);
    const warnings = sortProblems(prepared.warnings);
    if (!values.quiet) {
      const sources = await db.query<{ entity: string; file: string; is_present: boolean; count_read: number; count_loaded: number }>(
        "select entity, file, is_present, count_read, count_loaded from sources order by entity",
      );
      console.log("\nData-quality report\n");
      for (const s of sources)
        console.log(`  ${s.entity.padEnd(13)} ${s.is_present ? `${String(s.count_loaded).padStart(6)} of ${String(s.count_read).padEnd(6)} rows  ${s.file}` : `(absent)`}`);
    }
    console.log(warnings.length > 0 ? `\n${warnings.map(formatProblem).join("\n")}\n${warnings.length} warning${warnings.length === 1 ? "" : "s"}, no errors.` : "\nNo problems found.");
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`\n${error.problems.length > 0 ? error.message.replace(/nothing was written to the output folder\.$/, "the site cannot be built until they are fixed.") : error.message}`);
      process.exit(1);
    }
    throw error;
  } finally {
    db.close();
  }
} else {
  console.error(`unknown command "${command}"\n\n${HELP}`);
  process.exit(2);
}

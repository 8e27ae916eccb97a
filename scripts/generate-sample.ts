// `npm run generate -- [--people N] [--quarters Q] [--seed S] [--activity A] [--out DIR]`: writes the sample company's input files.
import { generateSample, type SampleOptions } from "../src/sample/index.ts";

function parseArgs(argv: readonly string[]): SampleOptions {
  const options: SampleOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a value`);
      return v;
    };
    const whole = (v: string) => {
      if (!/^\d+$/.test(v)) throw new Error(`${flag} must be a whole number, got "${v}"`);
      return Number(v);
    };
    switch (flag) {
      case "--people": options.people = whole(value()); break;
      case "--quarters": options.quarters = whole(value()); break;
      case "--seed": options.seed = value(); break;
      case "--activity": {
        const v = value();
        if (!/^\d+(\.\d+)?$/.test(v)) throw new Error(`${flag} must be a number, got "${v}"`);
        options.activity = Number(v);
        break;
      }
      case "--out": options.out = value(); break;
      case "--help": case "-h":
        console.log("usage: npm run generate -- [--people 250] [--quarters 8] [--seed 42] [--activity 1] [--out data]");
        process.exit(0);
      default: throw new Error(`unknown option ${arg} (try --help)`);
    }
  }
  return options;
}

try {
  const summary = generateSample(parseArgs(process.argv.slice(2)));
  for (const [file, n] of Object.entries(summary.rows)) console.log(`${summary.out}/${file}: ${n} rows`);
  console.log(`${summary.out}/podium.config.json`);
  const list = (v: string[]) => (v.length > 12 ? `${v.slice(0, 12).join(", ")} … (${v.length})` : v.join(", "));
  for (const [story, value] of Object.entries(summary.stories)) console.log(`  ${story}: ${Array.isArray(value) ? list(value) : value}`);
} catch (e) {
  console.error(`generate-sample: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

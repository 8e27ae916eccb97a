// Safe output: test/fixtures/hostile puts script tags, event-handler attributes, javascript: URLs, SVG payloads,
// template syntax, spreadsheet formulas, bidi overrides, zero-width joiners, emoji and a 200-character name (the
// longest a name may be) into people's and pods' names, pod focus, accounts, feedback, shout-outs and the company name.
// Built with the CLI, every output file is checked:
// - HTML and SVG are parsed (linkedom) and every element walked: no attribute named on…, no href/src/action that is a
//   javascript: URL, no script but the site's own <script src> files, no <svg onload>, the CSP meta on every page;
// - JS and CSS are the site's own code: no hostile string in them at all;
// - CSV and JSON downloads are data: the hostile strings are in them as values, CSV cells starting with = + - @ tab or
//   CR are prefixed with ' (numbers stay numbers);
// - the hostile strings are shown as text where the data is shown (the shout-out wall, pod pages);
// - bidi controls never reach the output (they are removed from free text on load: validate/fields.ts text()), while
//   zero-width joiners inside emoji survive; long unbroken words wrap (overflow-wrap) instead of widening the page.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers.ts";

const run = promisify(execFile);
const ROOT = new URL("../", import.meta.url).pathname;
let work: string;
let out: string;
const files: Record<string, string> = {}; // path relative to out → text

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg onload=alert(1)>",
  "</title><script>alert(2)</script>",
  "{{7*7}}",
];
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const WOMAN_TECHNOLOGIST = "\u{1F469}\u200D\u{1F4BB}"; // one emoji: woman, zero-width joiner, laptop

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-hostile-"));
  out = join(work, "site");
  const result = await run(process.execPath, ["scripts/build.ts", "--data", `${FIXTURES}hostile`, "--out", out, "--cache", join(work, "cache")], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  }).catch((e: { code: number; stderr: string }) => e);
  expect("code" in result ? result.stderr : "").toBe("");
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(out.length + 1)] = await readFile(path, "utf8");
    }
});
afterAll(() => rm(work, { recursive: true, force: true }));

const ofType = (...exts: string[]) => Object.entries(files).filter(([path]) => exts.some((e) => path.endsWith(e)));

/** Where a site-relative URL found in `page` points, as a path relative to out; undefined for another origin. */
function target(page: string, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return undefined;
  const path = url.split(/[?#]/)[0]!;
  return path.startsWith("/") ? path.slice(1) : posix.normalize(posix.join(posix.dirname(page), path));
}

describe("the hostile fixture's site", () => {
  it("has every kind of output file", () => {
    for (const ext of [".html", ".csv", ".json", ".js"]) expect(ofType(ext).length, ext).toBeGreaterThan(0);
    expect(ofType(".html").length).toBeGreaterThan(30);
  });

  it("HTML and SVG: no event handler, no javascript: URL, no script but the site's own files, CSP on every page", () => {
    for (const [path, text] of ofType(".html", ".svg")) {
      const { document } = parseHTML(text);
      for (const element of document.querySelectorAll("*")) {
        for (const { name, value } of element.attributes) {
          expect(name, `${path}: <${element.localName} ${name}>`).not.toMatch(/^on/i);
          if (/^(href|src|action|formaction|xlink:href|poster|data)$/i.test(name))
            expect(value.replace(/[\s\u0000-\u001f]/g, ""), `${path}: <${element.localName} ${name}="${value}">`).not.toMatch(/^(javascript|vbscript|data:text\/html)/i);
        }
        if (element.localName === "script") {
          const src = element.getAttribute("src");
          expect(src, `${path}: an inline <script>`).toBeTruthy();
          const file = target(path, src!);
          expect(file !== undefined && file in files, `${path}: <script src="${src}"> is not one of the site's files`).toBe(true);
          expect(element.textContent?.trim(), `${path}: <script src> with a body`).toBe("");
        }
        if (["iframe", "object", "embed", "base", "form"].includes(element.localName)) expect.fail(`${path}: a <${element.localName}>`);
        if (element.localName === "svg") expect(element.hasAttribute("onload"), `${path}: <svg onload>`).toBe(false);
      }
      if (path.endsWith(".html")) {
        const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "";
        expect(csp, `${path}: the CSP meta`).toMatch(/default-src 'self'/);
        expect(csp, path).toMatch(/script-src 'self'(;|$)/);
        expect(csp, path).toMatch(/object-src 'none'/);
        // The title is one text node: "</title><script>" in the company name did not close it.
        expect(document.querySelectorAll("head > title").length, path).toBe(1);
        expect(document.querySelector("head > title")?.textContent, path).toContain("</title><script>alert(3)</script>");
      }
    }
  });

  it("JS and CSS: the site's own code, with nothing from the data in it", () => {
    for (const [path, text] of ofType(".js", ".css")) for (const s of HOSTILE) expect(text, path).not.toContain(s);
  });

  it("shows the hostile strings as text where the data is shown", () => {
    const wall = parseHTML(files["recognition/index.html"]!).document.querySelector(".wall");
    expect(wall, "the shout-out wall").not.toBeNull();
    const said = wall!.textContent!;
    expect(said).toContain("<script>alert(1)</script> thank you for the login fix");
    expect(said).toContain('"><img src=x onerror=alert(1)> <svg onload=alert(1)>');
    expect(said).toContain("@<script>alert(1)</script>"); // a mention shown as the person's name
    expect(said).toContain("A".repeat(500)); // the 500-character word, whole
    const pod = parseHTML(files["pods/B/index.html"]!).document.body.textContent!;
    expect(pod).toContain('@SUM(1) "><img src=x onerror=alert(1)>');
    const pods = parseHTML(files["pods/index.html"]!).document.body.textContent!;
    expect(pods).toContain("javascript:alert(1)");
    const all = ofType(".html").map(([, text]) => parseHTML(text).document.body.textContent!).join("\n");
    for (const s of [...HOSTILE, "=cmd|' /C calc'!A0", "Wolfeschlegelsteinhausenbergerdorff".repeat(5)]) expect(all, s).toContain(s);
  });

  it("removes bidi controls from names and messages, and keeps emoji whole", () => {
    for (const [path, text] of Object.entries(files)) expect(BIDI.test(text), `${path} holds a bidi control character`).toBe(false);
    const all = ofType(".html").map(([, text]) => text).join("\n");
    expect(all).toContain("Ana gnp.exe Ruiz"); // was "Ana \u202Egnp.exe\u2066 Ruiz"
    expect(all).toContain(`${WOMAN_TECHNOLOGIST} Zoë`);
  });

  it("neutralises spreadsheet formulas in CSV downloads", () => {
    const csvs = ofType(".csv");
    expect(csvs.length).toBeGreaterThan(5);
    const cells: string[] = [];
    for (const [path, text] of csvs) {
      const { data, errors } = Papa.parse<string[]>(text.trim(), { header: false });
      expect(errors, path).toEqual([]);
      for (const row of data.slice(1))
        for (const cell of row) {
          cells.push(cell);
          if (/^[=+@\t\r]/.test(cell) || (cell.startsWith("-") && !/^-\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell)))
            expect.fail(`${path}: the cell ${JSON.stringify(cell)} would run as a formula`);
        }
    }
    // the company's name ("-1 …") and pod B's ("@SUM(1) …") are in the downloads, neutralised
    expect(cells).toContain("'-1 </title><script>alert(3)</script> & Co");
    expect(cells).toContain("'@SUM(1) \"><img src=x onerror=alert(1)>");
  });

  it("JSON downloads are data that parses, holding the hostile strings as values, with <, > and & as \\u escapes", () => {
    expect(ofType(".json").length).toBeGreaterThan(5);
    for (const [path, text] of ofType(".json")) {
      expect(() => JSON.parse(text), path).not.toThrow();
      // opened as HTML (a browser sniffing the type), a JSON file holds no markup
      expect(text, path).not.toMatch(/[<>&]/);
    }
    const name = '@SUM(1) "><img src=x onerror=alert(1)>'; // pod B
    const values = ofType(".json").map(([, text]) => JSON.stringify(JSON.parse(text)));
    expect(values.some((v) => v.includes(JSON.stringify(name).slice(1, -1)))).toBe(true);
    expect(files["downloads/pod_leaderboard.json"]).toContain("@SUM(1) \\\"\\u003e\\u003cimg src=x onerror=alert(1)\\u003e");
  });

  it("wraps long unbroken words instead of widening the page", () => {
    const css = [
      ...ofType(".css").map(([, text]) => text),
      ...ofType(".html").flatMap(([, text]) => [...parseHTML(text).document.querySelectorAll("style")].map((s) => s.textContent ?? "")),
    ].join("\n");
    const rule = (selector: string) => [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter((m) => m[1]!.split(",").map((s) => s.trim()).includes(selector)).map((m) => m[2]!).join(";");
    expect(rule("body")).toMatch(/overflow-wrap:\s*(break-word|anywhere)/); // inherited by every text container
    expect(rule(".wall>li")).toMatch(/min-width:\s*0/); // a grid item may shrink below its longest word
    expect(rule(".table-wrap")).toMatch(/overflow-x:\s*auto/); // a wide table scrolls inside its box
    expect(existsSync(join(out, "recognition/index.html"))).toBe(true);
  });
});

// The mapping layer: when the data folder holds a mapping file, each Podium input is read from the company's own
// exports as the mapping says, and comes out exactly as readInput would give it — records keyed by Podium field
// names — so validation, loading and the models do not know the difference. A mapped record's `locate(field)`
// points at the SOURCE file's line and column of the mapped column (or at the mapping file, for a constant), and
// names that file.
import { stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { INPUTS, type InputSpec } from "../inputs.ts";
import type { LoadedInput } from "../load/inputs.ts";
import { fieldsOf } from "../load/inputs.ts";
import { inputDictionary } from "../pagedata/dictionary.ts";
import { readInput, type SourceRecord } from "../read/index.ts";
import type { Problem } from "../validate/problems.ts";
import { requiredFields } from "../validate/rows.ts";
import { findMappingFile, loadMapping, type MappingFile } from "./load.ts";
import { BASE_KEYS, PeopleIndex } from "./people.ts";
import { PRESETS, withPreset } from "./presets.ts";
import type { ColumnSpec, EntityMapping, MappedEntity, Mapping } from "./schema.ts";
import { expandFiles, findColumn, formatOfName, readSlackUsers, readSource, type Source, type SourceFormat } from "./sources.ts";
import { convertDate, convertMoney, mapValue, toSlackTs } from "./values.ts";

export type MappedInput = LoadedInput & { records: SourceRecord[]; columns?: string[] };

export interface MappedRead {
  /** The mapping file as named in problems. */
  mappingFile: string;
  inputs: MappedInput[];
  problems: Problem[];
}

/** Fields that name a person, per input; `text` holds `<@…>` mentions. */
export const PERSON_FIELDS: Partial<Record<MappedEntity, string[]>> = {
  memberships: ["person_id"],
  build: ["contributors"],
  deals: ["owner_id"],
  deal_credits: ["person_id"],
  recognition: ["user", "text"],
  feedback: ["captured_by"],
  goals: ["person_id"],
};

type Kind = "date" | "timestamp" | "number" | "list" | "slack-ts" | "text";

/** Each input field's kind, from the schemas' own formats (the data dictionary's types). */
const KINDS: Map<string, Map<string, Kind>> = new Map(
  inputDictionary().map((entry) => [
    entry.name,
    new Map(
      entry.columns.map((c): [string, Kind] => [
        c.name,
        c.type.startsWith("date (") ? "date"
        : c.type.startsWith("date or") ? "timestamp"
        : c.type.startsWith("number") ? "number"
        : c.type.startsWith("list") ? "list"
        : c.type === "Slack timestamp" ? "slack-ts"
        : "text",
      ]),
    ),
  ]),
);

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
const quoteList = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(", ");
const foundList = (columns: readonly string[]) =>
  columns.length === 0 ? "(none)" : columns.length > 30 ? `${quoteList(columns.slice(0, 30))}, … (${columns.length} in all)` : quoteList(columns);

/** Reads the inputs through the data folder's mapping file; undefined when the folder has none. */
export async function readMapped(dataDir: string, displayDir: string): Promise<MappedRead | undefined> {
  const name = await findMappingFile(dataDir);
  if (!name) return undefined;
  const loaded = await loadMapping(dataDir, displayDir, name);
  const mappingFile = join(displayDir, name);
  if (!loaded.mapping) {
    return {
      mappingFile,
      problems: loaded.problems,
      inputs: INPUTS.map((spec) => ({ spec, displayPath: join(displayDir, spec.file), present: false, countRead: 0, rows: [], records: [] })),
    };
  }
  return new Mapper(dataDir, displayDir, loaded.mapping).run();
}

/** Gets a value out of a record by one column spec; `column` is where it is located. */
interface Getter {
  column: string;
  get(values: Record<string, unknown>, line: number): unknown;
}

function getPath(value: unknown, path: string[]): unknown {
  let v = value;
  for (const part of path) {
    if (Array.isArray(v)) {
      const items = v.map((x) => getPath(x, [part]));
      v = items.every((x) => x === undefined) ? undefined : items.filter((x) => x !== undefined);
    } else if (v !== null && typeof v === "object" && Object.hasOwn(v, part)) v = (v as Record<string, unknown>)[part];
    else return undefined;
  }
  return v;
}

const TEMPLATE = /\{([^{}]+)\}/g;

/**
 * A getter for one candidate column in a source: a header (any case/spacing), a template of `{Columns}`, or (JSON) a
 * dotted path. Undefined when the source lacks it.
 */
function candidate(spec: string, source: Source): Getter | undefined {
  if (/\{[^{}]+\}/.test(spec)) {
    const parts = [...spec.matchAll(TEMPLATE)].map((m) => candidate(m[1]!.trim(), source));
    if (parts.some((p) => p === undefined)) return undefined;
    const getters = parts as Getter[];
    return {
      column: getters[0]!.column,
      get(values, line) {
        let i = 0;
        const got = getters.map((g) => g.get(values, line));
        if (got.every(isEmpty)) return "";
        return spec.replace(TEMPLATE, () => {
          const v = got[i++];
          return isEmpty(v) ? "" : String(v);
        }).trim();
      },
    };
  }
  if (spec === "_line") return { column: source.columns[0] ?? "", get: (_values, line) => String(line) }; // the row's line in its file
  const exact = findColumn(source.columns, spec);
  if (exact !== undefined) return { column: exact, get: (values) => values[exact] };
  if (source.format !== "csv" && spec.includes(".")) {
    const [head, ...rest] = spec.split(".");
    const top = findColumn(source.columns, head!);
    if (top !== undefined) return { column: top, get: (values) => getPath(values[top], rest) };
  }
  return undefined;
}

/** The first candidate a source has (CSV); for JSON, each record takes the first candidate it has a value for. */
function resolveColumn(spec: ColumnSpec, source: Source): Getter | undefined {
  const list = (Array.isArray(spec) ? spec : [spec]).map((s) => candidate(s, source)).filter((g): g is Getter => g !== undefined);
  if (list.length <= 1 || source.format === "csv") return list[0];
  return {
    column: list[0]!.column,
    get(values, line) {
      for (const g of list) {
        const v = g.get(values, line);
        if (v !== undefined) return v;
      }
      return undefined;
    },
  };
}

type Location = { file: string; line: number; column: number };

class MappedRecord implements SourceRecord {
  line: number;
  values: Record<string, unknown>;
  /** The source record and file it was mapped from (people matching reads extra key columns from them). */
  readonly raw: SourceRecord;
  readonly source: Source;
  #where: (field: string) => Location;
  constructor(line: number, values: Record<string, unknown>, where: (field: string) => Location, raw: SourceRecord, source: Source) {
    this.line = line;
    this.values = values;
    this.raw = raw;
    this.source = source;
    this.#where = where;
  }
  /** Includes the source `file`: a problem built as `{ file, ...record.locate(field) }` names the source file. */
  locate(field: string): Location {
    return this.#where(field);
  }
}

class Mapper {
  #dataDir: string;
  #displayDir: string;
  #file: MappingFile;
  #mapping: Mapping;
  #problems: Problem[] = [];
  #people = new PeopleIndex();
  #slackLoaded = false;
  /** Whether people matching applies to person fields without their own `match`. */
  #matching: boolean;

  constructor(dataDir: string, displayDir: string, file: MappingFile) {
    this.#dataDir = dataDir;
    this.#displayDir = displayDir;
    this.#file = file;
    this.#mapping = file.mapping;
    this.#matching = file.mapping.people_match !== undefined;
  }

  #atMapping(path: PropertyKey[], rule: string, message: string, key = false, severity?: "warning"): Problem {
    return { file: this.#file.file, ...this.#file.locate(path, key), rule, message, ...(severity ? { severity } : {}) };
  }

  async run(): Promise<MappedRead> {
    const inputs: MappedInput[] = [];
    for (const spec of INPUTS) {
      const entity = spec.entity as MappedEntity;
      const m = this.#mapping[entity];
      const input = m ? await this.#mapped(spec, withPreset(m)) : await this.#standard(spec);
      inputs.push(input);
      if (entity === "people") await this.#indexPeople(input);
    }
    return { mappingFile: this.#file.file, inputs, problems: this.#problems };
  }

  /** An input the mapping does not name: its standard file, as readStage reads it. */
  async #standard(spec: InputSpec): Promise<MappedInput> {
    const path = join(this.#dataDir, spec.file);
    const displayPath = join(this.#displayDir, spec.file);
    if (!(await stat(path).then(() => true, () => false))) {
      if (spec.required)
        this.#problems.push({
          file: displayPath, line: 0, column: 0, rule: "missing",
          message: `required file is missing; add it, or map ${spec.entity} in ${this.#file.file}`,
        });
      return { spec, displayPath, present: false, countRead: 0, rows: [], records: [] };
    }
    const read = await readInput(path, displayPath, spec.format);
    this.#problems.push(...read.problems);
    return { spec, displayPath, present: true, countRead: read.records.length, rows: [], records: read.records, columns: read.columns };
  }

  /** The people index: person_id, email and name of every person, the extra keys, identity files. */
  async #indexPeople(input: MappedInput) {
    const pm = this.#mapping.people_match;
    for (const r of input.records) {
      const id = r.values.person_id;
      if (typeof id !== "string" || id.trim() === "") continue;
      for (const key of BASE_KEYS) this.#people.add(key, r.values[key], id);
      // Extra keys come from the people file's own columns (a standard people.csv: its Podium-named ones).
      const raw = r instanceof MappedRecord ? r.raw : r;
      const source = r instanceof MappedRecord ? r.source : { file: "", format: "csv" as const, records: [], columns: Object.keys(r.values), problems: [], duplicates: new Map() };
      for (const [key, spec] of Object.entries(pm?.keys ?? {})) {
        const getter = resolveColumn(spec, source);
        if (getter) this.#people.add(key, getter.get(raw.values, raw.line), id);
      }
    }
    for (const [key, spec] of Object.entries(pm?.keys ?? {})) {
      if (!this.#people.has(key) && input.records.length > 0)
        this.#problems.push(this.#atMapping(["people_match", "keys", key], "mapping", `people_match.keys.${key}: the people file has no column ${quoteList([spec].flat())}`));
    }
    for (const [n, identity] of (pm?.identities ?? []).entries()) {
      const path = ["people_match", "identities", n];
      const file = join(this.#displayDir, identity.file);
      const source = await readSource(join(this.#dataDir, identity.file), file, formatOfName(identity.file));
      this.#problems.push(...source.problems);
      const person = resolveColumn(identity.person, source);
      if (!person) {
        this.#problems.push({ file, line: 1, column: 0, rule: "columns", message: `missing column ${quoteList([identity.person].flat())} (people_match.identities[${n}].person); found: ${foundList(source.columns)}` });
        continue;
      }
      const keys = Object.entries(identity.keys).map(([key, spec]) => ({ key, getter: resolveColumn(spec, source) }));
      for (const { key, getter } of keys)
        if (!getter) this.#problems.push(this.#atMapping([...path, "keys", key], "mapping", `people_match.identities[${n}].keys.${key}: ${file} has no column ${quoteList([identity.keys[key]!].flat())}; found: ${foundList(source.columns)}`));
      for (const r of source.records) {
        const value = person.get(r.values, r.line);
        if (isEmpty(value)) continue;
        const resolved = this.#people.resolve(String(value), BASE_KEYS);
        if ("error" in resolved) {
          this.#problems.push({ file, ...r.locate(person.column), rule: "match", message: `${JSON.stringify(String(value))} ${resolved.error}`, severity: "warning" });
          continue;
        }
        for (const { key, getter } of keys) if (getter) this.#people.add(key, getter.get(r.values, r.line), resolved.person);
      }
    }
  }

  async #slackUsers(path: string, file: string) {
    const { users, problems } = await readSlackUsers(path, file);
    this.#problems.push(...problems);
    for (const u of users) {
      const byEmail = u.email ? this.#people.resolve(u.email, ["email"]) : undefined;
      if (byEmail && "person" in byEmail) {
        this.#people.add("slack", u.id, byEmail.person);
        continue;
      }
      for (const name of u.names) {
        const byName = this.#people.resolve(name, ["name"]);
        if ("person" in byName) {
          this.#people.add("slack", u.id, byName.person);
          break;
        }
      }
    }
  }

  async #mapped(spec: InputSpec, m: EntityMapping): Promise<MappedInput> {
    const entity = spec.entity as MappedEntity;
    const fields = fieldsOf(spec);
    const required = new Set(requiredFields(spec.schema));
    const kinds = KINDS.get(entity)!;
    const format: SourceFormat | undefined = m.format;
    const patterns = [...(m.file ? [m.file] : []), ...[m.files ?? []].flat()];
    const displayPath = patterns.length === 1 ? join(this.#displayDir, patterns[0]!) : `${join(this.#displayDir, patterns[0] ?? spec.file)} (+${patterns.length - 1})`;
    const empty: MappedInput = { spec, displayPath, present: false, countRead: 0, rows: [], records: [] };

    // The mapping's own field names must be fields of the input.
    let bad = false;
    for (const section of ["columns", "set", "defaults", "values", "dates", "money", "split", "match"] as const) {
      for (const field of Object.keys(m[section] ?? {})) {
        if (!fields.includes(field) && !(section === "columns" && PRESETS[m.preset!]?.mapping.columns?.[field])) {
          this.#problems.push(this.#atMapping([entity, section, field], "mapping", `${entity}.${section}.${field}: ${entity} has no field "${field}" (fields: ${fields.join(", ")})`, true));
          bad = true;
        }
      }
    }
    for (const field of m.skip_unless) if (!fields.includes(field)) {
      this.#problems.push(this.#atMapping([entity, "skip_unless"], "mapping", `${entity}.skip_unless: ${entity} has no field "${field}"`));
      bad = true;
    }
    if (patterns.length === 0) {
      this.#problems.push(this.#atMapping([entity], "mapping", `${entity}: name its source with files: (a file name, a glob or a list)`));
      return empty;
    }
    if (bad) return empty;

    const fmt = format ?? formatOfName(patterns[0]!);
    const expanded = await expandFiles(this.#dataDir, patterns, fmt === "slack");
    const paths: string[] = [];
    for (const [pattern, hits] of expanded) {
      if (hits.length === 0) {
        const where = m.file ? [entity, "file"] : Array.isArray(m.files) ? [entity, "files", patterns.indexOf(pattern) - (m.file ? 1 : 0)] : [entity, "files"];
        this.#problems.push(this.#atMapping(where, "missing", `${entity}: no ${fmt === "slack" ? "folder" : "file"} matches "${pattern}" in ${this.#displayDir}`));
      }
      for (const h of hits) if (!paths.includes(h)) paths.push(h);
    }
    if (paths.length === 0) return empty;

    const input: MappedInput = { ...empty, present: true, columns: undefined };
    if (paths.length === 1) input.displayPath = join(this.#displayDir, paths[0]!);
    const produced = new Set<string>();
    for (const rel of paths) {
      const file = join(this.#displayDir, rel);
      const source = await readSource(join(this.#dataDir, rel), file, fmt, m.delimiter);
      this.#problems.push(...source.problems);
      if (fmt === "slack" && !this.#slackLoaded) {
        this.#slackLoaded = true;
        const users = m.users ? join(this.#dataDir, m.users) : join(this.#dataDir, dirname(rel), "users.json");
        if (await stat(users).then(() => true, () => false)) await this.#slackUsers(users, m.users ? join(this.#displayDir, m.users) : join(this.#displayDir, dirname(rel), "users.json"));
        else this.#problems.push(this.#atMapping([entity], "missing", `${entity}: the Slack export's users.json is not at ${join(this.#displayDir, dirname(rel), "users.json")}; set users: to its path`));
      }
      const records = this.#mapSource(entity, m, source, fields, required, kinds);
      if (!records) continue;
      for (const f of records.fields) produced.add(f);
      input.records.push(...records.records);
      input.countRead += records.read;
    }
    input.columns = produced.size > 0 ? fields.filter((f) => produced.has(f)) : undefined;
    return input;
  }

  /** Maps one source's records; undefined when the source cannot give a required field. */
  #mapSource(
    entity: MappedEntity, m: EntityMapping, source: Source, fields: string[], required: Set<string>, kinds: Map<string, Kind>,
  ): { records: SourceRecord[]; fields: string[]; read: number } | undefined {
    if (source.records.length === 0 && source.columns.length === 0) return undefined;
    const own = this.#mapping[entity]!;
    const getters = new Map<string, Getter>();
    const constants = new Map<string, string>();
    let fatal = false;
    const preset = m.preset ? PRESETS[m.preset] : undefined;
    for (const field of fields) {
      if (field in m.set) {
        constants.set(field, String(m.set[field]));
        continue;
      }
      const spec = m.columns[field] ?? (source.format === "slack" ? SLACK_COLUMNS[field] : undefined);
      if (spec !== undefined) {
        const getter = resolveColumn(spec, source);
        if (getter) {
          getters.set(field, getter);
          const dup = source.duplicates.get(getter.column);
          if (dup) this.#problems.push(dup);
          continue;
        }
        const mine = own.columns[field] !== undefined;
        if (mine || (required.has(field) && !(field in m.defaults))) {
          const tried = [spec].flat();
          this.#problems.push({
            file: source.file, line: 1, column: 0, rule: "columns",
            message: `missing column ${tried.length === 1 ? quoteList(tried) : `for ${field} (tried ${quoteList(tried)})`}${tried.length === 1 ? ` for ${field}` : ""}; found: ${foundList(source.columns)}${mine ? ` (${entity}.columns.${field} in ${this.#file.file})` : preset ? ` (preset ${m.preset}; map it under ${entity}.columns.${field})` : ""}`,
          });
          fatal = true;
        }
        continue;
      }
      const same = findColumn(source.columns, field); // a column already named like the Podium field
      if (same !== undefined) getters.set(field, { column: same, get: (v) => v[same] });
      else if (required.has(field) && !(field in m.defaults)) {
        this.#problems.push({
          file: source.file, line: 1, column: 0, rule: "columns",
          message: `no column for the required field ${field}; map one under ${entity}.columns.${field} in ${this.#file.file} (found: ${foundList(source.columns)})`,
        });
        fatal = true;
      }
    }
    if (fatal) return undefined;

    const produced = fields.filter((f) => getters.has(f) || constants.has(f) || f in m.defaults);
    const personFields = new Set(PERSON_FIELDS[entity] ?? []);
    const currencyFree = fields.includes("currency") && !getters.has("currency") && !constants.has("currency");
    const records: SourceRecord[] = [];
    let read = 0;
    const fileDisplay = source.file;

    for (const raw of source.records) {
      read++;
      const values: Record<string, unknown> = {};
      const errors: Problem[] = [];
      let dropped = false;
      const where = (field: string): Location => {
        const g = getters.get(field);
        if (g) return { file: fileDisplay, ...raw.locate(g.column) };
        if (constants.has(field)) return { file: this.#file.file, ...this.#file.locate([entity, "set", field]) };
        const at = raw.locate("");
        return { file: fileDisplay, line: at.line, column: at.column };
      };
      const fail = (field: string, rule: string, message: string, severity?: "warning") =>
        errors.push({ ...where(field), rule, message, ...(severity ? { severity } : {}) });

      for (const field of produced) {
        const kind = kinds.get(field) ?? "text";
        let v: unknown = constants.has(field) ? constants.get(field) : getters.has(field) ? getters.get(field)!.get(raw.values, raw.line) : undefined;
        if (v === null || v === undefined) v = "";
        if (m.split[field] && typeof v === "string") v = v.split(m.split[field]).map((x) => x.trim()).filter((x) => x !== "");
        if (m.values[field] && !constants.has(field)) {
          const map = m.values[field]!;
          if (kind === "list" && Array.isArray(v)) v = v.map((x) => (typeof x === "string" ? String(mapValue(x, map) ?? x) : x));
          else {
            const hit = mapValue(v, map);
            if (hit !== undefined) v = hit;
          }
        }
        if (isEmpty(v) && field in m.defaults) v = m.defaults[field];
        if (Array.isArray(v) && kind !== "list") v = v.length === 0 ? "" : String(v[0]); // a list cell for a single field: its first item
        if (kind === "list" && typeof v === "string") v = v.trim() === "" ? [] : [v];
        if (kind !== "list" && typeof v !== "string") v = typeof v === "object" ? JSON.stringify(v) : String(v);

        if (typeof v === "string" && v.trim() !== "") {
          if (kind === "date" || kind === "timestamp") {
            const c = convertDate(v, [m.dates[field] ?? []].flat(), kind === "date");
            if ("error" in c) fail(field, "format", `${field} ${c.error}`);
            else v = c.value;
          } else if (kind === "number") {
            const c = convertMoney(v, m.money[field]);
            if ("error" in c) fail(field, "format", `${field} ${c.error}`);
            else {
              v = c.value.number;
              if (c.value.currency && currencyFree && !values.currency) values.currency = c.value.currency;
            }
          } else if (kind === "slack-ts") {
            // A timestamp column (not a Slack export) becomes seconds since 1970.
            const c = m.dates[field] ? convertDate(v, [m.dates[field]].flat(), false) : { value: v };
            if ("error" in c) fail(field, "format", `${field} ${c.error}`);
            else {
              const ts = toSlackTs(c.value);
              if ("value" in ts) v = ts.value;
            }
          }
        }

        // A constant is already a person_id; only values from the source are matched.
        if (personFields.has(field) && !constants.has(field) && (this.#matching || m.match[field] !== undefined)) {
          const keys = [m.match[field] ?? this.#mapping.people_match?.by ?? this.#people.defaultOrder()].flat();
          const mode = this.#mapping.people_match?.unmatched ?? "error";
          const warn = mode === "warning" ? ("warning" as const) : undefined;
          if (field === "text" && typeof v === "string") {
            let kept = 0;
            v = v.replace(/<@([^>|]+)(?:\|([^>]*))?>/g, (whole, id: string, label?: string) => {
              const r = this.#people.resolve(id, keys);
              if ("person" in r) {
                kept++;
                return `<@${r.person}>`;
              }
              fail(field, "match", `mention <@${id}>${label ? ` (${label})` : ""} ${r.error}${warn ? "; left out" : ""}`, warn);
              return `@${label ?? id}`;
            });
            if (kept === 0 && warn) dropped = true;
          } else if (Array.isArray(v)) {
            const out: unknown[] = [];
            for (const item of v) {
              const id = typeof item === "object" && item !== null ? (item as { person_id?: unknown }).person_id : item;
              if (typeof id !== "string" && typeof id !== "number") {
                out.push(item);
                continue;
              }
              const r = this.#people.resolve(String(id), keys);
              if ("person" in r) out.push(typeof item === "object" ? { ...(item as object), person_id: r.person } : r.person);
              else fail(field, "match", `${field} ${JSON.stringify(String(id))} ${r.error}${warn ? "; left out" : ""}`, warn);
            }
            if (out.length === 0 && warn && v.length > 0) dropped = true;
            v = out;
          } else if (typeof v === "string" && v.trim() !== "") {
            const r = this.#people.resolve(v, keys);
            if ("person" in r) v = r.person;
            else {
              fail(field, "match", `${field} ${JSON.stringify(v.trim())} ${r.error}${warn ? "; the row is left out" : ""}`, warn);
              if (warn) dropped = true;
            }
          }
        }
        values[field] = v;
      }
      if (currencyFree && values.currency === undefined) delete values.currency;

      this.#problems.push(...errors);
      if (m.skip_unless.some((f) => isEmpty(values[f]))) {
        read--;
        continue;
      }
      if (dropped || errors.some((e) => e.severity !== "warning")) continue;
      records.push(new MappedRecord(raw.line, values, where, raw, source));
    }
    if (currencyFree && records.some((r) => r.values.currency !== undefined)) produced.push("currency");
    return { records, fields: produced, read };
  }
}

/** A Slack message's fields (see sources.ts: `_id` is client_msg_id or channel-ts). */
const SLACK_COLUMNS: Record<string, string> = { client_msg_id: "_id", user: "user", ts: "ts", text: "text" };

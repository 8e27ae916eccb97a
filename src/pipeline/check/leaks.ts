// The leak scan: after rendering, every output file is searched for every private value found in the inputs
// (emails, source-system person ids, and people's names for an audience that does not see them). Any hit fails the
// build before anything is published.
// One pass per file (check/files.ts reads each file once for this and the page check): ids are found where one of their
// few shared prefixes starts a word run (or, failing that, by walking the word runs), e-mail addresses by looking around
// each "@" for the addresses' domains, names by looking up each word of the file among the names' first words, so the
// cost grows with the output's size, not with the output's size times the number of private values.

export interface PrivateValues {
  /** Case-insensitive substrings: e-mail addresses. */
  substrings: Set<string>;
  /** Whole tokens (split on anything but letters, digits, `_` and `-`): ids. */
  tokens: Set<string>;
  /**
   * People's names, for an audience that does not see them: found word for word, in any case, with the words
   * separated by spaces, hyphens, underscores, dots or apostrophes ("Ada Park", "ADA PARK", the slug "ada-park"), in
   * text with its HTML character references decoded. A one-word name is found only as written (case and all).
   */
  names: Set<string>;
}

export interface Leak {
  file: string;
  value: string;
  kind: "substring" | "token" | "name";
}

export function privateValues(
  people: readonly { person_id?: unknown; email?: unknown; name?: unknown }[],
  audience: { names: boolean } = { names: true },
): PrivateValues {
  const substrings = new Set<string>();
  const tokens = new Set<string>();
  const names = new Set<string>();
  for (const p of people) {
    if (typeof p.email === "string" && p.email.includes("@")) substrings.add(p.email.toLowerCase());
    if (typeof p.person_id === "string" && p.person_id.length >= 3) tokens.add(p.person_id);
    if (!audience.names && typeof p.name === "string" && WORDS_OF(p.name).length > 0) names.add(p.name.trim().replace(/\s+/g, " "));
  }
  return { substrings, tokens, names };
}

/** Letters (with their combining marks) and digits: the words of a name. */
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const WORDS_OF = (text: string) => text.toLowerCase().match(WORD_RUN) ?? [];
/** What may separate two words of a name in the output: spaces, hyphens (slugs), underscores, dots, apostrophes. */
const SEPARATOR = /[\s\-_.'’]+/y;
const LETTER = /[\p{L}\p{M}\p{N}]/u;

/** Whether each UTF-16 code unit is a letter, mark or digit (1) or not (2), filled in as met (0). Surrogates are not. */
const IS_WORD = new Uint8Array(65536);
function isWord(c: number): boolean {
  let known = IS_WORD[c]!;
  if (known === 0) IS_WORD[c] = known = c < 0xd800 || c > 0xdfff ? (LETTER.test(String.fromCharCode(c)) ? 1 : 2) : 2;
  return known === 1;
}

interface NameIndex {
  /** Names by their first lower-case word. */
  byFirst: Map<string, NameEntry[]>;
  /** The lengths of those first words: only a word of one of them is looked up. */
  lengths: Set<number>;
}

interface NameEntry {
  /** As given: reported, and matched case-sensitively when it is one word. */
  name: string;
  /** Lower-case words after the first. */
  rest: string[];
}

function nameIndex(names: Set<string>): NameIndex {
  const byFirst = new Map<string, NameEntry[]>();
  for (const name of names) {
    const [first, ...rest] = WORDS_OF(name);
    if (!first) continue;
    let list = byFirst.get(first);
    if (!list) byFirst.set(first, (list = []));
    list.push({ name, rest });
  }
  return { byFirst, lengths: new Set([...byFirst.keys()].map((k) => k.length)) };
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decodeEntities = (text: string) =>
  text.includes("&")
    ? text.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) =>
        dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name!.toLowerCase()]!,
      )
    : text;

/**
 * Names found in `text` (`lowerText` is it in lower case), each once. One walk over the words; only a word as long as
 * some first word is looked up.
 */
function findNames(text: string, lowerText: string, index: NameIndex): Set<string> {
  const found = new Set<string>();
  const lower = decodeEntities(lowerText);
  let decoded: string | undefined; // the text as written, decoded: for one-word names, found only as written
  const asWritten = (at: number, name: string) => {
    decoded ??= decodeEntities(text);
    // where lower-casing changed the length, positions differ: count the name as found
    return decoded.length !== lower.length || decoded.startsWith(name, at);
  };
  const n = lower.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    if (c < 128 ? WORD[c] === 1 && c !== 45 && c !== 95 : isWord(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const end = i;
    const begin = start;
    start = -1;
    if (!index.lengths.has(end - begin)) continue;
    const entries = index.byFirst.get(lower.slice(begin, end));
    if (!entries) continue;
    for (const entry of entries) {
      if (found.has(entry.name)) continue;
      let at = end;
      let whole = true;
      for (const word of entry.rest) {
        SEPARATOR.lastIndex = at;
        if (!SEPARATOR.test(lower)) {
          whole = false;
          break;
        }
        at = SEPARATOR.lastIndex;
        if (!lower.startsWith(word, at) || LETTER.test(lower.charAt(at + word.length))) {
          whole = false;
          break;
        }
        at += word.length;
      }
      if (!whole) continue;
      if (entry.rest.length === 0 && !asWritten(begin, entry.name)) continue;
      found.add(entry.name);
    }
  }
  return found;
}

const TEXT = /\.(html|json|csv|svg|js|css|txt|xml|md)$/i;

/** Whether the leak scan reads a file of this name (text the site publishes). */
export const isText = (path: string) => TEXT.test(path);

/** Char codes that belong to a token: A-Z, a-z, 0-9, `_` and `-` (everything else, non-ASCII included, separates). */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_-]/.test(ch)) WORD[c] = 1;
}

/** The private values arranged for one-pass matching. */
interface Matcher {
  tokens: Set<string>;
  tokenLengths: Set<number>;
  /**
   * The tokens' first two characters, when they are few (ids usually share a prefix: "p0"): a token is looked for
   * where one of them starts a word run, found with indexOf, rather than by walking every character.
   */
  tokenPrefixes?: string[];
  names: NameIndex;
  /**
   * E-mail addresses by the part after their first "@" (a company has few domains): around each "@" of a text, each
   * domain is compared, then the local parts of that domain's lengths.
   */
  emails: { domain: string; lengths: number[]; locals: Set<string> }[];
}

function matcherOf(values: PrivateValues): Matcher {
  const domains = new Map<string, Matcher["emails"][number]>();
  for (const s of values.substrings) {
    const at = s.indexOf("@");
    if (at < 0) continue; // privateValues only keeps addresses; anything else is handled by the fallback below
    const domain = s.slice(at + 1);
    let entry = domains.get(domain);
    if (!entry) domains.set(domain, (entry = { domain, lengths: [], locals: new Set() }));
    entry.locals.add(s.slice(0, at));
    if (!entry.lengths.includes(at)) entry.lengths.push(at);
  }
  const prefixes = new Set([...values.tokens].map((t) => t.slice(0, 2)));
  return {
    tokens: values.tokens,
    tokenLengths: new Set([...values.tokens].map((t) => t.length)),
    ...(prefixes.size <= 16 && [...prefixes].every((p) => p.length === 2) ? { tokenPrefixes: [...prefixes] } : {}),
    names: nameIndex(values.names),
    emails: [...domains.values()],
  };
}

const isWordCode = (c: number) => c < 128 && WORD[c] === 1;

function scanText(text: string, file: string, values: PrivateValues, matcher: Matcher, leaks: Leak[]): void {
  let lowered: string | undefined;
  const lower = () => (lowered ??= text.toLowerCase());
  if (values.substrings.size > 0) {
    const found = new Set<string>();
    // every address holds an "@": only the text around each one is compared (in lower case)
    for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
      for (const { domain, lengths, locals } of matcher.emails) {
        if (text.substr(at + 1, domain.length).toLowerCase() !== domain) continue;
        for (const length of lengths) {
          if (length > at) continue;
          const local = text.substr(at - length, length).toLowerCase();
          if (locals.has(local)) found.add(`${local}@${domain}`);
        }
      }
    }
    for (const s of values.substrings) if (!s.includes("@") && lower().includes(s)) found.add(s);
    for (const s of values.substrings) if (found.has(s)) leaks.push({ file, value: s, kind: "substring" });
  }
  if (values.tokens.size > 0) {
    const seen = new Set<string>();
    const run = (start: number, end: number) => {
      if (!matcher.tokenLengths.has(end - start)) return;
      const token = text.slice(start, end);
      if (matcher.tokens.has(token) && !seen.has(token)) {
        seen.add(token);
        leaks.push({ file, value: token, kind: "token" });
      }
    };
    const n = text.length;
    if (matcher.tokenPrefixes) {
      // a token is a whole word run: it starts with one of the prefixes, where no word character precedes it
      for (const prefix of matcher.tokenPrefixes)
        for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
          if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
          let end = at + 2;
          while (end < n && isWordCode(text.charCodeAt(end))) end++;
          run(at, end);
        }
    } else {
      let start = -1;
      for (let i = 0; i <= n; i++) {
        if (i < n && isWordCode(text.charCodeAt(i))) {
          if (start < 0) start = i;
        } else if (start >= 0) {
          run(start, i);
          start = -1;
        }
      }
    }
  }
  if (matcher.names.byFirst.size > 0) for (const name of findNames(text, lower(), matcher.names)) leaks.push({ file, value: name, kind: "name" });
}

/** A scanner for these values: every one found in a text, reported against `file` (each value once). */
export function leakScanner(values: PrivateValues): (text: string, file: string) => Leak[] {
  const matcher = matcherOf(values);
  return (text, file) => {
    const leaks: Leak[] = [];
    scanText(text, file, values, matcher, leaks);
    return leaks;
  };
}


/** The order leaks are reported in. */
export const byFileAndValue = (a: Leak, b: Leak) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

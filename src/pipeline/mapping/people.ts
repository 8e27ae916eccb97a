// People matching: other systems name people by e-mail, GitHub login, Slack user id or CRM owner name; the index
// resolves any of these keys to the person_id of the people input. Matching ignores case and surrounding spaces.

export const BASE_KEYS = ["person_id", "email", "name"] as const;

const norm = (v: string) => v.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

export type Resolved = { person: string } | { error: string };

export class PeopleIndex {
  #keys = new Map<string, Map<string, Set<string>>>();
  /** Extra keys in the order they were declared. */
  readonly extraKeys: string[] = [];

  add(key: string, value: unknown, person: string) {
    if (typeof value !== "string" && typeof value !== "number") return;
    const v = norm(String(value));
    if (v === "" || person.trim() === "") return;
    let byValue = this.#keys.get(key);
    if (!byValue) {
      this.#keys.set(key, (byValue = new Map()));
      if (!(BASE_KEYS as readonly string[]).includes(key)) this.extraKeys.push(key);
    }
    let people = byValue.get(v);
    if (!people) byValue.set(v, (people = new Set()));
    people.add(person.trim());
  }

  has(key: string) {
    return this.#keys.has(key);
  }

  /** The default order keys are tried in: person_id, email, extra keys (identities, slack), name. */
  defaultOrder(): string[] {
    return ["person_id", "email", ...this.extraKeys, "name"];
  }

  /** The person `value` names by the first of `keys` that knows it. */
  resolve(value: string, keys: readonly string[]): Resolved {
    const v = norm(value);
    for (const key of keys) {
      const people = this.#keys.get(key)?.get(v);
      if (!people) continue;
      if (people.size > 1) return { error: `matches ${people.size} people by ${key} (${[...people].sort().join(", ")})` };
      return { person: [...people][0]! };
    }
    const known = keys.filter((k) => this.#keys.has(k));
    return { error: `matches no person${known.length > 0 ? ` by ${known.join(", ")}` : " (the people input has no key to match it by)"}` };
  }
}

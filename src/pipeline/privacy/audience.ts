// Audiences: one data folder builds a site per audience (`--audience public|internal|leadership|…`), each from its
// privacy profile in the config (`audiences`). The company-wide `min_group_size` and `privacy` are limits every
// audience applies; a profile can only be stricter. The resolved audience travels with the page data (SiteData.audience):
// the pages decide what to build and link from it (src/site/audience.ts), the leak scan what else to look for.
import { CONFIG_FILE, DEFAULT_AUDIENCE, PERSON_FIELDS, type Config } from "../config.ts";
import { SECTIONS } from "../../site/sections.ts";
import type { Audience } from "../../site/types.ts";
import { PUBLISHED_TABLES, TABLE_SECTIONS, type PublishedTable } from "../pagedata/tables.ts";

/** A build asked for an audience the config does not define. */
export class UnknownAudienceError extends Error {}

/** The audience `name` as the config defines it, within the company-wide limits. */
export function resolveAudience(config: Config, name: string = DEFAULT_AUDIENCE): Audience {
  const profile = Object.hasOwn(config.audiences, name) ? config.audiences[name] : undefined;
  if (!profile) {
    const known = Object.keys(config.audiences).sort().join(", ");
    throw new UnknownAudienceError(`unknown audience "${name}": the audiences are ${known} (add one under "audiences" in ${CONFIG_FILE})`);
  }
  const pages = SECTIONS.filter((s) => profile.pages.includes(s));
  return {
    name,
    pages,
    names: profile.names,
    people_pages: config.privacy.people_pages && profile.names && pages.includes("people"),
    person_fields: PERSON_FIELDS.filter((f) => config.privacy.person_fields.includes(f) && profile.person_fields.includes(f)),
    min_group_size: Math.max(config.min_group_size, profile.min_group_size ?? 1),
  };
}

/** The config as one audience's build applies it: its minimum group size, and what it may publish about people. */
export function configFor(config: Config, audience: Audience): Config {
  return {
    ...config,
    min_group_size: audience.min_group_size,
    privacy: { people_pages: audience.people_pages, person_fields: audience.person_fields },
  };
}

/** The tables an audience gets, on its pages and as downloads: those one of its sections shows. */
export function audienceTables(audience: Audience): PublishedTable[] {
  return PUBLISHED_TABLES.filter((t) => TABLE_SECTIONS[t].some((s) => audience.pages.includes(s)));
}

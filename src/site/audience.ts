// What the site's audience gets (SiteData.audience, from config `audiences`): the one place pages ask whether a
// section is built and whether a link to it may be drawn. A section the audience does not get has no page (its
// getStaticPaths return nothing), no navigation item and no link from another page.
import { href } from "../components/url.ts";
import { SECTIONS, type Section } from "./sections.ts";
import type { SiteData } from "./types.ts";
import { podHref } from "./view.ts";
import { inShard } from "./shard.ts";

/** Whether the audience gets `section`. */
export const published = (data: Pick<SiteData, "audience">, section: Section): boolean => data.audience.pages.includes(section);

/**
 * getStaticPaths of a section's pages: `paths()` when the audience gets the section, none otherwise; and of those,
 * the ones of this render process's shard (see shard.ts).
 */
export function pathsOf<T>(data: SiteData, section: Section, paths: () => T[]): T[] {
  return published(data, section) ? inShard(paths()) : [];
}

/** getStaticPaths of a section's single page (a `[...index].astro` route, its rest parameter left empty). */
export const indexPaths = (data: SiteData, section: Section) => pathsOf(data, section, () => [{ params: { index: undefined } }]);

/** The section of a site path: "/" → overview, "/pods/x/" and "/p/FY2026-Q2/pods/" → pods; undefined for a file. */
export function sectionOf(path: string): Section | undefined {
  const parts = path.split(/[?#]/)[0]!.split("/").filter(Boolean);
  const rest = parts[0] === "p" ? parts.slice(2) : parts;
  if (rest.length === 0) return "overview";
  return (SECTIONS as readonly string[]).includes(rest[0]!) ? (rest[0] as Section) : undefined;
}

/** Whether a link to the site path may be drawn: its section is built (files, such as downloads, always are). */
export function linkable(data: SiteData, path: string): boolean {
  const section = sectionOf(path);
  return section === undefined || published(data, section);
}

/** The link to a site path (made by `make`: href, or a view's period-aware link) when the page is built for this
 *  audience; undefined (no link) when it is not. */
export const linkTo = (data: SiteData, path: string, make: (path: string) => string = href): string | undefined =>
  linkable(data, path) ? make(path) : undefined;

/** A link to a pod's page, when the audience gets the pods section. */
export const podLink = (data: SiteData, podId: string): string | undefined => (published(data, "pods") ? podHref(podId) : undefined);

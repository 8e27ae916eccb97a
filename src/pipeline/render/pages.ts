// The pages a complete site must hold, derived from the page data; the check stage verifies each exists.
import type { SiteData } from "../../site/types.ts";

const SECTIONS = ["", "pods/", "recognition/", "balance/", "feedback/"];

export function expectedPages(data: SiteData): string[] {
  const periodPages = data.periods.flatMap((p) => SECTIONS.map((s) => `p/${p.period}/${s}index.html`));
  const podPages = data.members
    .filter((m, i, all) => i === 0 || m.pod_id !== all[i - 1]!.pod_id || m.period !== all[i - 1]!.period)
    .map((m) => `p/${m.period}/pods/${m.pod_id}/index.html`);
  return [
    ...SECTIONS.map((s) => `${s}index.html`),
    ...periodPages,
    ...podPages,
    "people/index.html",
    ...data.people.map((p) => `people/${p.slug}/index.html`),
    "data/index.html",
    "downloads/dictionary.json",
    "present/index.html",
    ...data.periods.filter((p) => p.period_grain === "quarter").map((p) => `present/${p.period}/index.html`),
    "review/index.html",
  ];
}

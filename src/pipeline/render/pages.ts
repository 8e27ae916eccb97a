// The pages a complete site must hold, derived from the page data and its audience; the check stage verifies each
// exists, and that no page of a section the audience does not get does.
import type { SiteData } from "../../site/types.ts";
import { podPages } from "../../site/view.ts";
import { PEOPLE_PER_PAGE } from "../../site/limits.ts";
import { published, sectionOf } from "../../site/audience.ts";
import type { Section } from "../../site/sections.ts";

/** The sections with a page per period, and their paths. */
const PERIOD_SECTIONS: [Section, string][] = [["overview", ""], ["pods", "pods/"], ["recognition", "recognition/"], ["balance", "balance/"], ["feedback", "feedback/"]];

/** The pages the audience's site must hold: those of the sections it gets. */
export function expectedPages(data: SiteData): string[] {
  const has = (section: Section) => published(data, section);
  const sections = PERIOD_SECTIONS.filter(([section]) => has(section)).map(([, path]) => path);
  const periodPages = data.periods.flatMap((p) => sections.map((s) => `p/${p.period}/${s}index.html`));
  return [
    ...sections.map((s) => `${s}index.html`),
    ...periodPages,
    ...(has("pods") ? podPages(data).map(({ pod }) => `pods/${pod.pod_id}/index.html`) : []),
    ...(has("people")
      ? [
          "people/index.html",
          ...Array.from({ length: Math.ceil(data.people.length / PEOPLE_PER_PAGE) - 1 }, (_, i) => `people/page/${i + 2}/index.html`),
          ...data.people.map((p) => `people/${p.slug}/index.html`),
        ]
      : []),
    ...(has("data") ? ["data/index.html"] : []),
    "downloads/dictionary.json",
    ...(has("present") ? ["present/index.html", ...data.periods.filter((p) => p.period_grain === "quarter").map((p) => `present/${p.period}/index.html`)] : []),
    ...(has("review") ? ["review/index.html"] : []),
  ];
}

/** Why a built file must not be there: it is a page of a section the audience does not get. */
export function unexpectedPage(data: Pick<SiteData, "audience">): (page: string) => string | undefined {
  return (page) => {
    const section = page.endsWith(".html") ? sectionOf(page) : undefined;
    return section && !published(data, section) ? `a page of the ${section} section, which the ${data.audience.name} audience does not get` : undefined;
  };
}

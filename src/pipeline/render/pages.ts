// The pages a complete site must hold, derived from the page data; the check stage verifies each exists.
import type { SiteData } from "../../site/types.ts";

export function expectedPages(data: SiteData): string[] {
  return [
    "index.html",
    "pods/index.html",
    ...data.pods.filter((p) => data.members.some((m) => m.pod_id === p.pod_id)).map((p) => `pods/${p.pod_id}/index.html`),
    "recognition/index.html",
    "balance/index.html",
    "feedback/index.html",
    "data/index.html",
    "downloads/dictionary.json",
  ];
}

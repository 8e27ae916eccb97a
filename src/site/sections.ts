// The site's sections: each is an item of the navigation and a set of pages an audience gets, or not (config `audiences`).
// No imports: the config schema (pipeline) and the pages (site) both read this list.

export const SECTIONS = ["overview", "pods", "people", "recognition", "balance", "feedback", "review", "present", "data"] as const;

export type Section = (typeof SECTIONS)[number];

// How much of the long lists the page data holds: what the pages show, and no more (at 10,000 people the full lists
// would be most of the page data, and the pages would only drop them).

/** Shout-outs per period that the deck chooses its picks from (cross-function first, then cross-pod, newest first). */
export const SHOUTOUT_CANDIDATES = 100;
/** The newest cross-function, cross-pod shout-outs per period on the recognition page's wall. */
export const SHOUTOUT_WALL = 24;
/** The newest shout-outs a profile page shows. */
export const PROFILE_SHOUTOUTS = 30;
/** Most rows a table shows on a page (DataTable's default `limit`); downloads hold every row. */
export const TABLE_ROWS = 100;
/** Most pods a chart draws one by one: past it, a chart shows the pods a reader should look at (see focusPods). */
export const CHART_PODS = 12;
/** Pods the leaderboard page ranks in its table and explains; every pod is linked below it and in the download. */
export const BOARD_PODS = 25;
/** Periods a trend chart shows: the last 12 up to the page's own (a year of months; three years of quarters). */
export const TREND_PERIODS = 12;
/** People listed per page of the people index (/people/, /people/page/2/, …). */
export const PEOPLE_PER_PAGE = 300;

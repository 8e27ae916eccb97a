/** The environment variable that tells the site where the page data file is. */
export const SITE_DATA_ENV = "PODIUM_SITE_DATA";

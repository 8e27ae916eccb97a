/**
 * The Content-Security-Policy of every page: nothing from another origin, no inline script (scripts are files in
 * public/), no plugins, no forms. Inline styles stay allowed (Astro inlines the stylesheet; Plot styles its SVG).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/**
 * The Content-Security-Policy of every page: nothing from another origin, no inline script (scripts are files in
 * public/), no plugins, no forms. Inline styles stay allowed (Plot styles its SVG with them); the stylesheets are files.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

// @ts-check
import { defineConfig } from "astro/config";

// The pipeline (scripts/build.ts) runs Astro programmatically and passes outDir and base;
// these are the defaults for `astro preview`.
export default defineConfig({
  output: "static",
  trailingSlash: "always",
  // Stylesheets are files every page links (and browsers cache): inlined, they were half of a profile page, and at
  // 10,000 people 110 MB of the output the check stage reads back.
  build: { format: "directory", inlineStylesheets: "never" },
  devToolbar: { enabled: false },
});

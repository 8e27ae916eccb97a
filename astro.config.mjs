// @ts-check
import { defineConfig } from "astro/config";

// The pipeline (scripts/build.ts) runs Astro programmatically and passes outDir and base;
// these are the defaults for `astro preview`.
export default defineConfig({
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});

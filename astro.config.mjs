// @ts-check
import { defineConfig } from "astro/config";

/** Static output only: the site is uploaded as plain files to a government web server. */
export default defineConfig({
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});

import { defineConfig } from "vitest/config";

/** Browser checks of the built site (Debian's Chromium via playwright-core): `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});

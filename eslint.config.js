// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // *.tmp.ts: throwaway diagnostic scripts, not part of the project.
    ignores: [
      "dist/",
      ".astro/",
      ".tmp/",
      "**/*.tmp.ts",
      "node_modules/",
      "bench-data/",
      "test-output/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Only protect/ can make a value publishable (see src/pipeline/publish/publishable.ts).
    files: ["**/*.ts"],
    ignores: ["src/pipeline/protect/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/protect/seal*"],
              message: "Only protect/ may seal values as Publishable.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.ts", "**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
);

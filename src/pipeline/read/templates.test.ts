import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COLUMNS, isPersonalHeader, normalizeHeader, headerLookup } from "./headers";
import { TEMPLATE_FILES, TEMPLATE_KINDS, templateCsv, templateHeaders } from "./templates";

const committed = (file: string) =>
  readFileSync(new URL(`../../../docs/templates/${file}`, import.meta.url), "utf8");

describe("CSV templates", () => {
  it("covers every file kind of the column vocabulary", () => {
    expect([...TEMPLATE_KINDS].sort()).toEqual(Object.keys(COLUMNS).sort());
  });

  for (const kind of TEMPLATE_KINDS) {
    const file = TEMPLATE_FILES[kind];

    it(`keeps the committed docs/templates/${file} equal to what headers.ts generates`, () => {
      // If this fails, run `npm run templates` and commit the result.
      expect(committed(file)).toBe(templateCsv(kind));
    });

    it(`starts ${file} with a BOM and ends its single line with CRLF`, () => {
      const text = committed(file);
      expect(text.startsWith("\uFEFF")).toBe(true);
      expect(text.endsWith("\r\n")).toBe(true);
      expect(text.split("\r\n")).toHaveLength(2);
      expect(text.replace("\r\n", "")).not.toMatch(/[\r\n]/);
    });

    it(`lists the canonical headers of ${file} in contract order, required ones marked *`, () => {
      const expected = COLUMNS[kind].map((c) => (c.required ? `${c.header}*` : c.header));
      expect(templateHeaders(kind)).toEqual(expected);
    });

    it(`puts no personal column into ${file}`, () => {
      for (const cell of templateHeaders(kind)) {
        expect(isPersonalHeader(normalizeHeader(cell))).toBe(false);
      }
    });

    it(`uses only headers the reader recognises in ${file}`, () => {
      const lookup = headerLookup(kind);
      for (const cell of templateHeaders(kind)) {
        expect(lookup.has(normalizeHeader(cell).toLowerCase())).toBe(true);
      }
    });
  }
});

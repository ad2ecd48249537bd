import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ProblemSink } from "../problems";
import {
  Invalid,
  parseActivityType,
  parseBoarding,
  parseCareType,
  parseCarer,
  parseDisabled,
  parseGrade,
  parseLeftBehind,
  parseLevel,
  parseSex,
  parseUrbanRural,
  parseYesNo,
} from "../validate/values";
import { xlsxColumn } from "../xlsxWriter";
import { COLUMNS, isPersonalHeader, normalizeHeader, headerLookup } from "./headers";
import { readTable } from "./readTable";
import {
  DROP_DOWNS,
  TEMPLATE_ROWS,
  TEMPLATE_SHEETS,
  TEMPLATE_WORKBOOKS,
  TEXT_COLUMNS,
  templateWorkbook,
} from "./templateWorkbook";
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

const committedBytes = (file: string) =>
  new Uint8Array(readFileSync(new URL(`../../../docs/templates/${file}`, import.meta.url)));

/** Each coded column's parser: every drop-down value must be accepted as it is. */
const PARSERS: Record<string, (cell: string) => unknown> = {
  level: parseLevel,
  urban_rural: parseUrbanRural,
  has_care_home: parseYesNo,
  has_counseling_room: parseYesNo,
  sex: parseSex,
  grade: parseGrade,
  left_behind: parseLeftBehind,
  father_away: parseYesNo,
  mother_away: parseYesNo,
  home_parent_incapable: parseYesNo,
  carer: parseCarer,
  orphan: parseYesNo,
  disabled: parseDisabled,
  low_income: parseYesNo,
  single_parent_family: parseYesNo,
  boarding: parseBoarding,
  care_type: parseCareType,
  activity_type: parseActivityType,
  photo_consent: parseYesNo,
};

describe("workbook templates", () => {
  for (const kind of TEMPLATE_KINDS) {
    const file = TEMPLATE_WORKBOOKS[kind];
    const sheetXml = (n: number) =>
      strFromU8(unzipSync(committedBytes(file))[`xl/worksheets/sheet${n}.xml`]!);

    it(`keeps the committed docs/templates/${file} equal to what headers.ts generates`, () => {
      // If this fails, run `npm run templates` and commit the result.
      expect(Buffer.from(committedBytes(file)).equals(Buffer.from(templateWorkbook(kind)))).toBe(
        true,
      );
    });

    it(`reads ${file} back as a ${kind} table with every column and no row`, async () => {
      const problems = new ProblemSink();
      let written: readonly (string | null)[] = [];
      const result = await readTable({
        kind,
        path: fileURLToPath(new URL(`../../../docs/templates/${file}`, import.meta.url)),
        file,
        problems,
        onHeader: (h) => {
          written = h.written;
        },
        onRow: () => {
          throw new Error("a template has no rows");
        },
      });
      expect(result.sheet).toBe(TEMPLATE_SHEETS[kind]);
      expect(problems.problems.map((p) => p.code)).toEqual(["W_FILE_NO_ROWS"]);
      expect(written.every((w) => w !== null)).toBe(true);
    });

    it(`offers a drop-down list on every coded column of ${file}, with values the reader accepts`, () => {
      const xml = sheetXml(1);
      COLUMNS[kind].forEach((c, i) => {
        const values = DROP_DOWNS[c.key];
        const col = xlsxColumn(i);
        const found = new RegExp(
          `<dataValidation type="list"[^>]*sqref="${col}2:${col}${TEMPLATE_ROWS + 1}"><formula1>&quot;([^<]*)&quot;</formula1>`,
        ).exec(xml);
        if (!values) {
          expect(found, c.key).toBeNull();
          return;
        }
        expect(found?.[1]?.split(","), c.key).toEqual([...values]);
        for (const v of values)
          expect(PARSERS[c.key]!(v), `${c.key} ${v}`).not.toBeInstanceOf(Invalid);
      });
    });

    it(`formats the id columns of ${file} as text and freezes its header row`, () => {
      const xml = sheetXml(1);
      expect(xml).toContain(
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
      );
      COLUMNS[kind].forEach((c, i) => {
        const styled =
          xml.includes(`<col min="${i + 1}" max="${i + 1}" width="`) &&
          new RegExp(`<col min="${i + 1}" max="${i + 1}"[^>]*style="2"`).test(xml);
        expect(styled, c.key).toBe(TEXT_COLUMNS.has(c.key));
      });
    });

    it(`explains every column of ${file} in Chinese on an instruction sheet`, () => {
      const xml = sheetXml(2);
      for (const c of COLUMNS[kind])
        expect(xml).toContain(`<t xml:space="preserve">${c.header}</t>`);
      expect(xml).toContain("不需要另存为 CSV");
    });
  }
});

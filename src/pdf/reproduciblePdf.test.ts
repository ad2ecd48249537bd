import { describe, expect, it } from "vitest";
import { readPdfText } from "../pipeline/guard/pdfText.ts";
import { minimalPdf } from "../../test/helpers/minimalPdf.ts";
import { reproduciblePdf } from "./reproduciblePdf.ts";

describe("reproduciblePdf", () => {
  it("blanks the creation and modification dates, keeping every other byte where it was", async () => {
    const pdf = minimalPdf({
      pages: [{ ascii: ["Summary"] }],
      info: {
        Producer: "Skia/PDF m150",
        CreationDate: "D:20250731093000+00'00'",
        ModDate: "D:20250731093001+08'00'",
      },
    });
    const out = reproduciblePdf(pdf);
    expect(out.length).toBe(pdf.length);
    const text = out.toString("latin1");
    expect(text).not.toMatch(/CreationDate|ModDate|D:2025/);
    expect(text).toContain("/Producer (Skia/PDF m150)");
    // Still a valid PDF (the cross-reference offsets hold), now without the dates.
    const read = await readPdfText(out);
    expect(read.pages).toBe("Summary");
    expect(read.strings.join(" ")).not.toContain("D:2025");
  });

  it("renumbers structure ids by rank, so that two prints of a page agree", () => {
    // Chromium writes them as `/ID (node00000015)`, and refers to them as `(node00000015)`.
    const tagged = (a: number, b: number) =>
      minimalPdf({
        pages: [{ ascii: ["Table"] }],
        info: { ID: `node000000${a}`, Headers: `node000000${b}`, Again: `node000000${a}` },
      });
    const first = reproduciblePdf(tagged(15, 91));
    const second = reproduciblePdf(tagged(16, 79));
    expect(first.equals(second)).toBe(true);
    expect(first.toString("latin1")).toContain(
      "/ID (node00000001) /Headers (node00000002) /Again (node00000001)",
    );
  });

  it("keeps the ID tree sorted: ids first seen out of order, with gaps from another page", () => {
    // The ID tree lists ids sorted; the structure elements met first may have larger ids.
    const tagged = (ids: number[]) =>
      minimalPdf({
        pages: [{ ascii: ["Table"] }],
        info: Object.fromEntries([
          ["First", `node${String(ids[2]).padStart(8, "0")}`],
          ...ids.map((n, i) => [`N${i}`, `node${String(n).padStart(8, "0")}`]),
        ]),
      });
    // Run 1 and run 2 of the same page: the same order, other numbers.
    const first = reproduciblePdf(tagged([7, 31, 44])).toString("latin1");
    const second = reproduciblePdf(tagged([3, 12, 90])).toString("latin1");
    expect(first).toBe(second);
    expect(first).toContain("/First (node00000003)");
    expect(first).toContain("/N0 (node00000001) /N1 (node00000002) /N2 (node00000003)");
  });

  it("returns a PDF without dates or ids as it is", () => {
    const pdf = minimalPdf({ pages: [{ ascii: ["x"] }] });
    expect(reproduciblePdf(pdf)).toBe(pdf);
  });
});

import { describe, expect, it } from "vitest";
import { footerTemplate, headerTemplate, PRINT_CSS } from "./printTemplates.ts";

describe("header and footer", () => {
  it("name the publisher, the unit and the document, escaped, in a CJK font of a set size", () => {
    const header = headerTemplate("青岚县教育局", "<城关镇> & 中心校", "2024-2025");
    expect(header).toContain("青岚县教育局 · &lt;城关镇&gt; &amp; 中心校");
    expect(header).toContain("2024-2025学年留守儿童关爱工作统计摘要");
    expect(header).toMatch(/font-family: 'Noto Sans CJK SC'/);
    expect(header).toMatch(/font-size: 8pt/);
  });

  it("number the pages as 第 N 页 共 M 页", () => {
    expect(footerTemplate()).toContain(
      '第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页',
    );
    expect(footerTemplate()).toMatch(/font-family: 'Noto Sans CJK SC'.*font-size: 8pt/);
  });

  it("print on A4 and keep rows and charts whole", () => {
    expect(PRINT_CSS).toMatch(/@page \{ size: A4;/);
    expect(PRINT_CSS).toMatch(/tr, figure, svg, img[^{]*\{ break-inside: avoid; \}/);
    expect(PRINT_CSS).toMatch(/thead \{ display: table-header-group; \}/);
  });
});

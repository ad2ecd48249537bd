/**
 * What Chromium adds to every printed page of a summary: a running header (publisher, unit,
 * document title), a footer "第 N 页 共 M 页", and print rules that keep tables and charts
 * whole. Header and footer are drawn in the page margins that PRINT_CSS sets.
 */
import { escapeHtml } from "../pipeline/escapeHtml.ts";
import { schoolYearLabel } from "../site/narrative.ts";

/**
 * Header and footer templates get no style from the page: the font family and size must be
 * set in them, or Chromium prints them tiny in a font without Chinese glyphs.
 */
const FONT = `font-family: 'Noto Sans CJK SC', 'Noto Serif CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif; font-size: 8pt; color: #000;`;

/** The page margins, wide enough at top and bottom for the header and footer. */
export const PAGE_MARGINS = { top: "22mm", right: "15mm", bottom: "18mm", left: "15mm" };

/** The document's title, as the header and the zip's contents name it. */
export function summaryTitle(year: string): string {
  return `${schoolYearLabel(year)}留守儿童关爱工作统计摘要`;
}

/** The running header: "青岚县教育局 · 青岚县第一小学" left, the document title right, a rule below. */
export function headerTemplate(publisher: string, unitName: string, year: string): string {
  const left = escapeHtml(`${publisher} · ${unitName}`);
  const right = escapeHtml(summaryTitle(year));
  return (
    `<div style="${FONT} box-sizing: border-box; width: 100%; padding: 0 ${PAGE_MARGINS.right} 0 ${PAGE_MARGINS.left};">` +
    `<div style="display: flex; justify-content: space-between; gap: 6mm; padding-bottom: 1.5mm; border-bottom: 0.5pt solid #000;">` +
    `<span>${left}</span><span>${right}</span></div></div>`
  );
}

/** The footer: "第 N 页 共 M 页", centred (Chromium fills in the page numbers). */
export function footerTemplate(): string {
  return (
    `<div style="${FONT} width: 100%; text-align: center;">` +
    `第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>`
  );
}

/**
 * Print rules added to each summary page before printing. The site's own print styles come
 * first (A4, black text, no navigation); these set the margins for the header and footer,
 * keep rows, charts and images from being cut across pages, repeating a long table's head,
 * and leave out the download links (a PDF need not offer itself, and whether the link is
 * shown yet must not change the PDF).
 */
export const PRINT_CSS = `
@page { size: A4; margin: ${PAGE_MARGINS.top} ${PAGE_MARGINS.right} ${PAGE_MARGINS.bottom} ${PAGE_MARGINS.left}; }
@media print {
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, figure, svg, img, caption, li { break-inside: avoid; }
  thead { display: table-header-group; }
  h1, h2, h3, h4, caption { break-after: avoid; }
  p { orphans: 2; widows: 2; }
  [data-pdf-slot] { display: none !important; }
}
`;

/**
 * The readable HTML report of a check, for the schools (data contract §9): one
 * self-contained page — inline CSS, no fonts, images or scripts from anywhere else — that
 * works on a phone, prints on A4 and reads without JavaScript.
 */

import { escapeHtml } from "../escapeHtml.ts";
import { CATALOGUE, type Problem, type ProblemCode } from "../problems";
import {
  compareCodes,
  compareText,
  countsText,
  DATA_FOLDER_LABEL,
  type Totals,
} from "./checkSummary";

export interface CheckReportMeta {
  /** What was checked, e.g. the data folder as given on the command line. */
  dataLabel: string;
  /** Shown as given; omitted when absent, so the output stays deterministic. */
  generatedAt?: string;
  /** Every file that was checked, so that files without problems are listed too. */
  files?: readonly string[];
  /** Full counts, including problems beyond the listing limit. */
  totals?: Totals;
  /** Data rows read, when known. */
  rows?: number;
  /**
   * What the verdict clears the data for: publishing (the bureau's `check`, the default) or
   * sending it to the bureau (a school's self-check page).
   */
  purpose?: "publish" | "submit";
}

const PURPOSE = {
  publish: { ok: "可以发布", bad: "才能发布", error: "否则不能生成网站", warning: "不影响发布" },
  submit: { ok: "可以报送", bad: "再报送", error: "改好后再报送", warning: "不影响报送" },
} as const;

const SEVERITY_LABEL = { error: "错误", warning: "警告" } as const;

export { escapeHtml };

const fileLabel = (file: string) => escapeHtml(file || DATA_FOLDER_LABEL);

/** The report's style sheet (the self-check page uses it for the same markup). */
export const CHECK_REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0; background: #fff; color: #1a1a1a;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 1rem; line-height: 1.7;
}
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; padding-top: 0.5rem; border-top: 2px solid #d0d0d0; }
h2 .file { overflow-wrap: anywhere; }
.meta { color: #444; margin: 0; }
.verdict { font-size: 1.2rem; font-weight: bold; padding: 0.75rem 1rem; border: 2px solid; border-radius: 4px; }
.verdict.ok { color: #14532d; background: #ecfdf3; border-color: #14532d; }
.verdict.bad { color: #8a1010; background: #fdeeee; border-color: #8a1010; }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; padding: 0; list-style: none; }
.counts strong { font-size: 1.3rem; }
nav ol { padding-left: 1.5rem; }
nav li { margin: 0.25rem 0; overflow-wrap: anywhere; }
a { color: #0b4f9c; }
a:focus-visible, button:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #b8b8b8; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #eef0f3; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.code { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; overflow-wrap: anywhere; }
td.msg { min-width: 16rem; }
tr.error td:first-child { border-left: 6px solid #8a1010; }
tr.warning td:first-child { border-left: 6px dashed #7a5200; }
.sev { display: inline-block; padding: 0 0.4rem; border: 1px solid; border-radius: 3px; font-weight: bold; white-space: nowrap; }
.sev.error { color: #8a1010; background: #fdeeee; }
.sev.warning { color: #5c3d00; background: #fff4d6; }
.sev.error::before { content: "✖ "; }
.sev.warning::before { content: "▲ "; }
th button {
  font: inherit; font-weight: bold; color: inherit; background: none; border: 0; padding: 0;
  cursor: pointer; text-decoration: underline dotted;
}
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
.none { color: #14532d; }
@media (max-width: 40rem) {
  main { padding: 0.75rem; }
  h1 { font-size: 1.5rem; }
  table.problems, table.problems tbody, table.problems tr, table.problems td { display: block; }
  table.problems thead { display: none; }
  /* A caption left as table-caption in a block table shrinks to one character a line. */
  table.problems caption { display: block; }
  table.problems tr { border: 1px solid #b8b8b8; margin: 0 0 0.75rem; padding: 0.25rem 0; }
  table.problems td { border: 0; padding: 0.15rem 0.6rem; text-align: left; }
  table.problems td::before { content: attr(data-label) "："; font-weight: bold; }
  table.problems tr.error { border-left: 6px solid #8a1010; }
  table.problems tr.warning { border-left: 6px dashed #7a5200; }
  table.problems tr td:first-child { border-left: 0; }
  td.msg { min-width: 0; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  body { color: #000; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  .file-section { break-before: page; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
  th { background: #fff; }
  .verdict, .sev { background: #fff !important; color: #000 !important; }
  th button { text-decoration: none; }
}
`;

// Progressive enhancement: turns each sortable header into a button. Without JavaScript the
// tables stay sorted by row, which is what most readers need.
const SCRIPT = `
(function () {
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var body = table.querySelector("tbody");
        var rows = Array.prototype.slice.call(body.children);
        var key = function (row) {
          var cell = row.children[col];
          return cell.getAttribute("data-sort") || cell.textContent;
        };
        rows.forEach(function (row, i) { row.__i = i; });
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), nx = Number(x), ny = Number(y);
          var c = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, "zh-CN");
          return c * dir || a.__i - b.__i;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
`;

function byRow(a: Problem, b: Problem): number {
  // Whole-file problems first: they usually explain the rest.
  return (a.row ?? 0) - (b.row ?? 0);
}

function problemRow(p: Problem): string {
  const sev = SEVERITY_LABEL[p.severity];
  const row = p.row === null ? "整个文件" : String(p.row);
  const column = p.column === null || p.column === "" ? "—" : escapeHtml(p.column);
  return [
    `<tr class="${p.severity}">`,
    `<td class="num" data-label="行" data-sort="${p.row ?? 0}">${row}</td>`,
    `<td data-label="列">${column}</td>`,
    `<td class="code" data-label="问题代码">${escapeHtml(p.code)}</td>`,
    `<td data-label="严重程度" data-sort="${p.severity === "error" ? 0 : 1}"><span class="sev ${p.severity}">${sev}</span></td>`,
    `<td class="msg" data-label="说明">${escapeHtml(p.message)}</td>`,
    `</tr>`,
  ].join("");
}

function fileSection(
  id: string,
  file: string,
  problems: readonly Problem[],
  counts: string,
): string {
  const rows = [...problems].sort(byRow).map(problemRow).join("\n");
  return `<section class="file-section" aria-labelledby="${id}-h">
<h2 id="${id}-h"><span class="file">${fileLabel(file)}</span></h2>
<p>${counts}</p>
<table class="problems sortable">
<caption>${fileLabel(file)} 中的问题（按行号排列）</caption>
<thead><tr><th scope="col" aria-sort="ascending">行</th><th scope="col">列</th><th scope="col">问题代码</th><th scope="col">严重程度</th><th scope="col">说明</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function codeGlossary(problems: readonly Problem[]): string {
  const counts = new Map<ProblemCode, number>();
  for (const p of problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  const rows = [...counts.keys()].sort(compareCodes).map((code) => {
    const entry = CATALOGUE[code];
    return `<tr class="${entry.severity}"><td class="code">${escapeHtml(code)}</td><td>${escapeHtml(entry.title)}</td><td><span class="sev ${entry.severity}">${SEVERITY_LABEL[entry.severity]}</span></td><td class="num">${counts.get(code) ?? 0}</td></tr>`;
  });
  return `<section aria-labelledby="codes-h">
<h2 id="codes-h">问题代码说明</h2>
<p>每种问题都有一个固定的代码，向教育局咨询时说出代码即可。《数据填报说明》中有每种问题的改正方法。</p>
<table>
<caption>本次出现的问题代码</caption>
<thead><tr><th scope="col">问题代码</th><th scope="col">名称</th><th scope="col">严重程度</th><th scope="col">出现次数</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</section>`;
}

/**
 * The report's content below its title: the verdict and counts, the files, the problems of
 * each file and the codes. Every string from the problems or the metadata is escaped; the
 * output depends only on the arguments. Holds no script (see `renderCheckReportHtml`).
 */
export function renderCheckReportSections(
  problems: readonly Problem[],
  meta: CheckReportMeta,
): string {
  const words = PURPOSE[meta.purpose ?? "publish"];
  const fileCounts = (f: string) => {
    const t = meta.totals?.files?.get(f);
    return t ? `${t.errors} 个错误、${t.warnings} 个警告` : countsText(byFile.get(f) ?? []);
  };
  const listedErrors = problems.filter((p) => p.severity === "error").length;
  const errors = meta.totals?.errors ?? listedErrors;
  const warnings = meta.totals?.warnings ?? problems.length - listedErrors;

  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  const withProblems = [...byFile.keys()].sort(compareText);
  const clean = [...new Set(meta.files ?? [])].filter((f) => !byFile.has(f)).sort(compareText);
  const ids = new Map(withProblems.map((f, i) => [f, `file-${i + 1}`]));

  const verdict =
    errors === 0
      ? `<p class="verdict ok">${words.ok}${warnings > 0 ? `。有警告的地方请核实，警告${words.warning}。` : "。"}</p>`
      : `<p class="verdict bad">有 ${errors} 个错误需要更正后${words.bad}。</p>`;

  const metaLine = [
    `检查的数据：${escapeHtml(meta.dataLabel)}`,
    ...(meta.generatedAt === undefined ? [] : [`生成时间：${escapeHtml(meta.generatedAt)}`]),
    ...(meta.files === undefined ? [] : [`检查了 ${new Set(meta.files).size} 个文件`]),
    ...(meta.rows === undefined ? [] : [`读取了 ${meta.rows.toLocaleString("zh-CN")} 行数据`]),
  ].join("　");

  const toc =
    withProblems.length + clean.length === 0
      ? ""
      : `<nav aria-labelledby="toc-h">
<h2 id="toc-h">按文件查看</h2>
<p>一个文件通常是一所学校的导出数据。点击文件名可跳到该文件的问题列表。</p>
<ol>
${withProblems
  .map((f) => `<li><a href="#${ids.get(f)}-h">${fileLabel(f)}</a>：${fileCounts(f)}</li>`)
  .join("\n")}
${clean.map((f) => `<li>${fileLabel(f)}：<span class="none">没有发现问题</span></li>`).join("\n")}
</ol>
</nav>`;

  const sections = withProblems
    .map((f) => fileSection(ids.get(f) ?? "", f, byFile.get(f) ?? [], fileCounts(f)))
    .join("\n");

  const body =
    problems.length === 0 ? `<p>没有发现问题。</p>` : `${sections}\n${codeGlossary(problems)}`;

  return `<p class="meta">${metaLine}</p>
<section aria-labelledby="summary-h">
<h2 id="summary-h">检查结果</h2>
${verdict}
<ul class="counts">
<li><span class="sev error">错误</span> <strong>${errors}</strong> 个：必须更正，${words.error}。</li>
<li><span class="sev warning">警告</span> <strong>${warnings}</strong> 个：请核实，${words.warning}。</li>
</ul>
</section>
${toc}
${body}`;
}

/**
 * Renders the check report as a complete HTML document (see `renderCheckReportSections`),
 * with the small script that makes its tables sortable.
 */
export function renderCheckReportHtml(problems: readonly Problem[], meta: CheckReportMeta): string {
  const script = problems.length === 0 ? "" : `\n<script>${SCRIPT}</script>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据检查报告 - ${escapeHtml(meta.dataLabel)}</title>
<style>${CHECK_REPORT_CSS}</style>
</head>
<body>
<main>
<h1>数据检查报告</h1>
${renderCheckReportSections(problems, meta)}${script}
</main>
</body>
</html>
`;
}

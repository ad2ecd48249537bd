/**
 * The self-check page as one HTML file: its style, its script and its worker's code are all
 * inside, so the same file works on the published site, from a USB stick and offline. The
 * Content-Security-Policy allows exactly these inline parts (by hash) and a worker made
 * from them, and forbids every connection.
 */
import { createHash } from "node:crypto";
import { escapeHtml } from "../pipeline/escapeHtml.ts";
import { CHECK_REPORT_CSS } from "../pipeline/report/checkReportHtml.ts";
import type { SelfCheckSettings } from "./settings.ts";

export interface SelfCheckPage {
  settings: SelfCheckSettings;
  /** The bundled page script, worker and the worker's workbook part (see `bundleSelfCheck`). */
  pageJs: string;
  workerJs: string;
  workbookJs: string;
  /** Link back to the site's home page (published with the site), or none (standalone). */
  homeHref?: string;
  /** Link to the data guide for schools, when published with the site. */
  guideHref?: string;
}

const FREQUENCY = {
  once: "至少一次",
  yearly: "每学年一次",
  termly: "每学期一次",
  monthly: "每月一次",
  none: "",
} as const;

const PAGE_CSS = `
.privacy { font-weight: bold; padding: 0.75rem 1rem; border-left: 6px solid #0b4f9c; background: #eef4fb; }
form { margin: 1rem 0; }
fieldset { border: 1px solid #b8b8b8; border-radius: 4px; padding: 0.5rem 1rem 1rem; margin: 0 0 1rem; min-width: 0; }
legend { font-weight: bold; padding: 0 0.25rem; }
.field { margin: 0.75rem 0; }
.field label { display: block; font-weight: bold; }
.field .hint { display: block; color: #444; font-size: 0.95rem; }
input[type="file"] { font: inherit; width: 100%; margin-top: 0.25rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 4px; border: 2px solid #0b4f9c; cursor: pointer; }
button[type="submit"] { background: #0b4f9c; color: #fff; font-weight: bold; }
button[type="reset"] { background: #fff; color: #0b4f9c; }
button:disabled { opacity: 0.6; cursor: wait; }
.notice { color: #8a1010; font-weight: bold; }
#progress-box label { font-weight: bold; }
progress { display: block; width: 100%; height: 1.5rem; margin: 0.25rem 0; }
#result:focus { outline: none; }
/* Text enlarged to 200 % on a phone: the report's tables wrap instead of scrolling sideways. */
#result td.msg { min-width: 0; }
#result th { white-space: normal; }
#result td, #result caption, #result li { overflow-wrap: anywhere; }
.read, .bureau { margin: 1rem 0; }
.formats { margin: 0.5rem 0 0; }
header.top { border-bottom: 2px solid #d0d0d0; margin-bottom: 0.5rem; padding-bottom: 0.25rem; }
header.top p { margin: 0; }
`;

/** What the table fields accept: CSV text and the workbooks `check` reads. */
const TABLES = ".csv,.xlsx,.xls,.xlsm,text/csv";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** Inline text must not close its element early. */
function inline(text: string, what: string): string {
  if (/<\/script/i.test(text) || /<!--/.test(text)) {
    throw new Error(`${what} cannot be inlined: it contains </script or <!--`);
  }
  return text;
}

function field(id: string, label: string, hint: string, multiple: boolean, accept: string) {
  return `<div class="field">
<label for="${id}">${label}</label>
<span class="hint" id="${id}-hint">${hint}</span>
<input type="file" id="${id}" name="${id}" accept="${accept}"${multiple ? " multiple" : ""} aria-describedby="${id}-hint">
</div>`;
}

/** Renders the page. Every text from the settings is escaped; scripts are allowed by hash. */
export function renderSelfCheckPage(page: SelfCheckPage): string {
  const { settings } = page;
  const css = `${CHECK_REPORT_CSS}${PAGE_CSS}`;
  // JSON inside a script element: "<" escaped so that no text can close the element.
  const settingsJson = JSON.stringify(settings).replace(/</g, "\\u003c");
  const pageJs = inline(page.pageJs, "page script");
  const workerJs = inline(page.workerJs, "worker script");
  const workbookJs = inline(page.workbookJs, "workbook script");
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(pageJs)}`,
    `style-src ${sha256(css)}`,
    "worker-src blob:",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
  const year = escapeHtml(settings.year);
  const norms = settings.norms
    .map(([care, f]) => `<li>${escapeHtml(care)}：${FREQUENCY[f]}</li>`)
    .join("\n");
  const guide = page.guideHref
    ? `《<a href="${escapeHtml(page.guideHref)}">数据填报说明</a>》`
    : "《数据填报说明》";
  const home = page.homeHref
    ? `<p><a href="${escapeHtml(page.homeHref)}">${escapeHtml(settings.title)}</a></p>`
    : `<p>${escapeHtml(settings.title)}</p>`;

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>学校数据自查 - ${escapeHtml(settings.publisher)}</title>
<style>${css}</style>
</head>
<body>
<main>
<header class="top">${home}</header>
<h1>学校数据自查（${year} 学年）</h1>
<p class="privacy" id="privacy">文件只在您自己的电脑上检查，不会上传、也不会保存，断网也能使用。</p>
<p>报送前，请在这里选择本校要交给${escapeHtml(settings.publisher)}的文件。检查的规则、问题代码和说明，与教育局汇总时的检查完全相同；没有错误就可以报送。文件怎么填写，请看${guide}。</p>
<form id="choose" novalidate>
<fieldset>
<legend>选择本校的文件</legend>
<p class="formats">可以选择 CSV 文件，也可以直接选择 Excel 工作簿（.xlsx、.xls），不用先另存为 CSV。</p>
${field("students", "学生名单", "从学籍系统导出的名单，可以一次选择多个文件。", true, TABLES)}
${field("care", "关爱记录", "可以一次选择多个文件；检查关爱记录时请同时选择学生名单。", true, TABLES)}
${field("activities", "关爱活动（activities）", "没有可以不选。", false, TABLES)}
${field("social", "社会关爱（social）", "没有可以不选。", false, TABLES)}
${field("photos", "活动照片", "活动记录中写了照片时选择；只核对文件名，不会打开照片。", true, "image/*")}
</fieldset>
<p id="notice" class="notice" role="alert" hidden></p>
<div class="actions">
<button type="submit" id="start">开始检查</button>
<button type="reset">清空重选</button>
</div>
</form>
<div id="progress-box" hidden>
<label for="progress">检查进度</label>
<progress id="progress" max="1000" value="0"></progress>
<p id="status" role="status" aria-live="polite"></p>
</div>
<div id="result" tabindex="-1" hidden></div>
<details>
<summary>本页使用的设置</summary>
<p>本页由${escapeHtml(settings.publisher)}生成，使用本县 ${year} 学年的学校名单（${settings.schools} 所学校）核对学校标识码和年级。学校名单有误时请联系教育局，不需要自己设置。</p>
${norms ? `<p>本县的关爱工作要求（用于统计，自查不按它判断对错）：</p>\n<ul>\n${norms}\n</ul>` : ""}
</details>
</main>
<script type="application/json" id="settings">${settingsJson}</script>
<script type="text/plain" id="worker-source">${workerJs}</script>
<script type="text/plain" id="workbook-source">${workbookJs}</script>
<script>${pageJs}</script>
</body>
</html>
`;
}

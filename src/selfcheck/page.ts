/**
 * The self-check page's own script: takes the chosen files, hands them to the worker (the
 * `File` objects only: the worker reads them itself), shows progress and then the report.
 * Nothing is sent anywhere and nothing is stored: the page's Content-Security-Policy forbids
 * every connection, and the files are forgotten when the page is closed.
 */
import type { ChosenFile, ChosenFiles } from "./checkFiles.ts";
import type { CheckReply, CheckRequest } from "./messages.ts";
import type { SelfCheckSettings } from "./settings.ts";
import { choosesWorkbook } from "./workbooks.ts";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const settings = JSON.parse(byId("settings").textContent ?? "{}") as SelfCheckSettings;
// The worker's code is in the page itself, so that the page works from a USB stick
// (file://) and offline; a worker made from a blob: URL keeps the page's CSP. The workbook
// part (most of the weight) is put before the worker's code only when a workbook is chosen.
const workerUrls = new Map<boolean, string>();
function workerUrl(workbooks: boolean): string {
  let url = workerUrls.get(workbooks);
  if (url === undefined) {
    const code = (id: string) => byId(id).textContent ?? "";
    const parts = workbooks
      ? [code("workbook-source"), "\n", code("worker-source")]
      : [code("worker-source")];
    url = URL.createObjectURL(new Blob(parts, { type: "text/javascript" }));
    workerUrls.set(workbooks, url);
  }
  return url;
}

const form = byId<HTMLFormElement>("choose");
const notice = byId("notice");
const progressBox = byId("progress-box");
const progress = byId<HTMLProgressElement>("progress");
const status = byId("status");
const result = byId("result");
const start = byId<HTMLButtonElement>("start");

let worker: Worker | null = null;

const files = (id: string): ChosenFile[] =>
  [...(byId<HTMLInputElement>(id).files ?? [])].map((f) => ({ name: f.name, blob: f }));

function chosenFiles(): ChosenFiles {
  return {
    students: files("students"),
    care: files("care"),
    activities: files("activities")[0] ?? null,
    social: files("social")[0] ?? null,
    photos: files("photos").map((f) => f.name),
  };
}

function say(text: string): void {
  notice.textContent = text;
  notice.hidden = text === "";
}

const percent = (done: number, total: number) =>
  total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));

function showProgress(name: string, done: number, total: number): void {
  progress.value = total === 0 ? progress.max : Math.round((done / total) * progress.max);
  status.textContent = `正在检查“${name}”……已完成 ${percent(done, total)}%`;
}

function finish(reply: Extract<CheckReply, { done: unknown }>["done"]): void {
  const verdict =
    reply.errors === 0
      ? "检查完成：没有错误，可以报送。"
      : `检查完成：有 ${reply.errors} 个错误，请改好后再报送。`;
  status.textContent = verdict;
  progress.value = progress.max;
  // The report's HTML is built from escaped text only (renderCheckReportSections).
  result.innerHTML = `${reply.html}
<p class="bureau">不同学校之间的核对（例如同一个学籍号出现在两所学校的名单中）需要全县的数据，由教育局汇总后进行。</p>`;
  result.hidden = false;
  result.focus();
}

function run(chosen: ChosenFiles): void {
  worker?.terminate();
  worker = new Worker(workerUrl(choosesWorkbook(chosen)));
  worker.onmessage = (e: MessageEvent<CheckReply>) => {
    const reply = e.data;
    if ("progress" in reply) {
      showProgress(reply.progress.name, reply.progress.bytes, reply.progress.totalBytes);
    } else if ("done" in reply) {
      finish(reply.done);
      start.disabled = false;
    } else {
      status.textContent = "";
      say(
        `检查没有完成：本页面出了问题（${reply.failed}）。这不是您文件的问题，请把这句话告诉教育局。`,
      );
      start.disabled = false;
    }
  };
  const request: CheckRequest = { settings, files: chosen };
  worker.postMessage(request);
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const chosen = chosenFiles();
  result.hidden = true;
  result.textContent = "";
  const any = chosen.students.length + chosen.care.length > 0 || chosen.activities || chosen.social;
  if (!any) {
    say("请先选择要检查的文件。");
    return;
  }
  if (chosen.care.length > 0 && chosen.students.length === 0) {
    say("关爱记录要和学生名单核对：请同时选择本校的学生名单。");
    return;
  }
  say("");
  start.disabled = true;
  progressBox.hidden = false;
  showProgress(chosen.students[0]?.name ?? chosen.care[0]?.name ?? "", 0, 1);
  run(chosen);
});

form.addEventListener("reset", () => {
  worker?.terminate();
  worker = null;
  say("");
  start.disabled = false;
  progressBox.hidden = true;
  result.hidden = true;
  result.textContent = "";
});

/**
 * The self-check page's speed, for `npm run bench`: a generated, valid roster of `rows` rows
 * checked by the page in Chromium, timed inside the page from the click on 开始检查 to the
 * report shown (worker start-up included, as a school would wait).
 */
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { serveSite } from "../cli/serveSite.ts";
import { CHROMIUM_FLAGS } from "../pdf/printSummaries.ts";
import { writeLargeRoster } from "../sample/largeRoster.ts";
import { loadSelfCheckSettings } from "./loadSettings.ts";
import { writeSelfCheckPage } from "./writePage.ts";

export interface SelfCheckBench {
  rows: number;
  bytes: number;
  /** Fastest run, click to report. */
  seconds: number;
  /** Size of the page (one HTML file, worker included). */
  pageBytes: number;
}

export async function benchSelfCheck(opts: {
  rows: number;
  runs: number;
  /** Scratch folder (generated data and the page). */
  workDir: string;
  chromium: string;
}): Promise<SelfCheckBench> {
  const dir = await mkdtemp(path.join(opts.workDir, "self-check-"));
  const server = await serveSite(path.join(dir, "page"), "/");
  try {
    const roster = await writeLargeRoster(path.join(dir, "data"), { rows: opts.rows, seed: 7 });
    const { settings } = await loadSelfCheckSettings(path.join(dir, "data"));
    if (!settings) throw new Error("the generated data folder has errors");
    const page = await writeSelfCheckPage(path.join(dir, "page"), { settings });
    const browser = await chromium.launch({
      executablePath: opts.chromium,
      args: CHROMIUM_FLAGS,
    });
    const times: number[] = [];
    try {
      const files = roster.files.map((f) => path.join(dir, "data", f));
      for (let i = 0; i < opts.runs; i++) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        await tab.goto(server.url(""));
        await tab.setInputFiles("#students", files);
        const { ms, verdict } = await tab.evaluate(
          () =>
            new Promise<{ ms: number; verdict: string }>((resolve) => {
              const result = document.getElementById("result")!;
              const started = performance.now();
              new MutationObserver((_, observer) => {
                if (result.hidden) return;
                observer.disconnect();
                const verdict = result.querySelector(".verdict")?.textContent ?? "";
                resolve({ ms: performance.now() - started, verdict });
              }).observe(result, { attributes: true, attributeFilter: ["hidden"] });
              document.getElementById("start")!.click();
            }),
        );
        if (!verdict.startsWith("可以报送")) throw new Error(`unexpected verdict: ${verdict}`);
        times.push(ms / 1000);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return {
      rows: roster.rows,
      bytes: roster.bytes,
      seconds: Math.min(...times),
      pageBytes: page.bytes,
    };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

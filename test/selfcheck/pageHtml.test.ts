/** The self-check page's HTML: its policy allows exactly its own inline parts, and escapes the settings. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { bundleSelfCheck, escapeCommentOpen } from "../../src/selfcheck/bundle.ts";
import { renderSelfCheckPage } from "../../src/selfcheck/pageHtml.ts";
import type { SelfCheckSettings } from "../../src/selfcheck/settings.ts";

const SETTINGS: SelfCheckSettings = {
  title: "测试县</script><b>平台",
  publisher: "测试县教育局",
  year: "2024-2025",
  schoolsCsv: "学校标识码,学校名称\r\n4101020001,</script><script>alert(1)</script>\r\n",
  schools: 1,
  norms: [["谈心", "monthly"]],
};

const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("renderSelfCheckPage", () => {
  it("allows by hash exactly the inline script and style it holds, and no connection", async () => {
    const html = renderSelfCheckPage({ settings: SETTINGS, ...(await bundleSelfCheck()) });
    const { document } = parseHTML(html);
    const csp = document
      .querySelector('meta[http-equiv="Content-Security-Policy"]')!
      .getAttribute("content")!;
    const scripts = [...document.querySelectorAll("script")].filter((s) => !s.hasAttribute("type"));
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`script-src ${hash(scripts[0]!.textContent!)};`);
    expect(csp).toContain(`style-src ${hash(document.querySelector("style")!.textContent!)};`);
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("keeps the settings as data: nothing in them can close an element or run", () => {
    const html = renderSelfCheckPage({
      settings: SETTINGS,
      pageJs: "void 0;",
      workerJs: "void 0;",
      workbookJs: "void 0;",
    });
    const { document } = parseHTML(html);
    expect(document.querySelectorAll("script")).toHaveLength(4);
    expect(JSON.parse(document.getElementById("settings")!.textContent!)).toEqual(SETTINGS);
    expect(document.querySelector("header")!.textContent).toBe("测试县</script><b>平台");
  });

  it("refuses a script that would close its element early", () => {
    expect(() =>
      renderSelfCheckPage({
        settings: SETTINGS,
        pageJs: "'</script>'",
        workerJs: "",
        workbookJs: "",
      }),
    ).toThrow(/cannot be inlined/);
    expect(() =>
      renderSelfCheckPage({ settings: SETTINGS, pageJs: "", workerJs: "", workbookJs: "'<!--'" }),
    ).toThrow(/cannot be inlined/);
  });

  it("lets every table field take CSV files and Excel workbooks, and says so", () => {
    const html = renderSelfCheckPage({
      settings: SETTINGS,
      pageJs: "",
      workerJs: "",
      workbookJs: "",
    });
    const { document } = parseHTML(html);
    for (const id of ["students", "care", "activities", "social"]) {
      const accept = document.getElementById(id)!.getAttribute("accept")!.split(",");
      expect(accept, id).toEqual(expect.arrayContaining([".csv", ".xlsx", ".xls"]));
    }
    expect(document.querySelector("form")!.textContent).toContain("Excel 工作簿（.xlsx、.xls）");
  });
});

describe("the bundled workbook part", () => {
  it("carries the workbook library with every <!-- written so that it cannot end its element", async () => {
    const { workbookJs, workerJs } = await bundleSelfCheck();
    expect(workbookJs).toContain("<\\x21--");
    expect(workbookJs).not.toContain("<!--");
    // The worker itself carries no workbook library: a CSV-only check starts without it.
    // The part holds the library only: a second copy of the project's headers would not be
    // the same objects as the worker's (a sheet with every required column went unnoticed).
    expect(workbookJs).not.toContain("学籍号");
    expect(workerJs).toContain("学籍号");
    expect(workerJs).not.toContain("[Content_Types].xml");
    expect(workbookJs).toContain("[Content_Types].xml");
  });

  it("hands the worker every part of the library openWorkbook calls", async () => {
    const reader = await readFile("src/pipeline/read/workbook.ts", "utf8");
    const called = new Set([...reader.matchAll(/XLSX\.(\w+)[(.]/g)].map((m) => m[1]!));
    expect([...called].sort()).toEqual(["CFB", "SSF", "read"]);
    const part = await readFile("src/selfcheck/workbookPart.ts", "utf8");
    const handed = /const used = \{ ([\w, ]+) \}/.exec(part)![1]!.split(", ");
    expect(handed.sort()).toEqual([...called].sort());
  });

  it("escapes <!-- without changing what a string or a regular expression means", () => {
    const code = 'return ["<!--", /<!--(.*?)-->/.exec("a<!--b-->")[1], /<!--/u.test("<!--")];';
    const escaped = escapeCommentOpen(code);
    expect(escaped).not.toContain("<!--");
    expect(new Function(escaped)()).toEqual(new Function(code)());
    expect(new Function(escaped)()).toEqual(["<!--", "b", true]);
  });
});

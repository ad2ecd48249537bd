import { describe, expect, it } from "vitest";
import { problem, type Problem } from "../problems";
import { escapeHtml, renderCheckReportHtml } from "./checkReportHtml";

const roster = "2024-2025/students/一小.csv";
const care = "2024-2025/care/二小.csv";

const sample: Problem[] = [
  problem("E_DATE_INVALID", care, 12, "日期", { value: "2024-02-30" }),
  problem("W_CARE_DUPLICATE", care, 7, null, { extra: "第 6 行" }),
  problem("E_REQUIRED_EMPTY", roster, 9, "性别"),
  problem("E_VALUE_INVALID", roster, 3, "年级", { value: "十年级", expected: "一年级…九年级" }),
  problem("W_HEADER_UNKNOWN", roster, null, null, { value: "“家长签字”" }),
];

const render = (problems: readonly Problem[], files?: readonly string[]) =>
  renderCheckReportHtml(problems, { dataLabel: "data", files });

/** The section of one file, from its heading to the next section. */
function sectionOf(html: string, file: string): string {
  const start = html.indexOf(`<span class="file">${file}</span>`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
}

describe("renderCheckReportHtml", () => {
  it("is a Chinese-language document titled 数据检查报告", () => {
    const html = render(sample);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<h1>数据检查报告</h1>");
    expect(html).toContain('<meta charset="utf-8">');
  });

  it("escapes <script> quoted from a user's file so that it comes out as text", () => {
    const evil = problem("E_VALUE_INVALID", roster, 2, '性别"><script>alert(1)</script>', {
      value: "<script>alert('x')</script>",
      expected: "男、女",
    });
    const html = render([evil]);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("性别&quot;&gt;&lt;script&gt;");
    // The only script element is the inline sorting script.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it("escapes & and quotes in file names, columns and the data label", () => {
    const html = renderCheckReportHtml([problem("E_REQUIRED_EMPTY", 'a&b"c.csv', 2, "班级&年级")], {
      dataLabel: '数据&"测试"',
      generatedAt: "<今天>",
    });
    expect(html).toContain("a&amp;b&quot;c.csv");
    expect(html).toContain("班级&amp;年级");
    expect(html).toContain("数据&amp;&quot;测试&quot;");
    expect(html).toContain("&lt;今天&gt;");
    const outsideScript = html.replace(/<script>[\s\S]*?<\/script>/g, "");
    expect(outsideScript).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
  });

  it("escapes every HTML special character", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  it("groups problems by file, files sorted, rows sorted with whole-file problems first", () => {
    const html = render(sample);
    const careAt = html.indexOf(`<span class="file">${care}</span>`);
    const rosterAt = html.indexOf(`<span class="file">${roster}</span>`);
    expect(careAt).toBeLessThan(rosterAt);

    const rosterSection = sectionOf(html, roster);
    expect(rosterSection).toContain("E_REQUIRED_EMPTY");
    expect(rosterSection).not.toContain("E_DATE_INVALID");
    const wholeFile = rosterSection.indexOf("整个文件");
    const row3 = rosterSection.indexOf('data-sort="3"');
    const row9 = rosterSection.indexOf('data-sort="9"');
    expect(wholeFile).toBeGreaterThan(-1);
    expect(wholeFile).toBeLessThan(row3);
    expect(row3).toBeLessThan(row9);

    const careSection = sectionOf(html, care);
    expect(careSection.indexOf('data-sort="7"')).toBeLessThan(
      careSection.indexOf('data-sort="12"'),
    );
    expect(careSection).not.toContain("E_REQUIRED_EMPTY");
  });

  it("links every file in the table of contents to its section", () => {
    const html = render(sample);
    for (const id of ["file-1-h", "file-2-h"]) {
      expect(html).toContain(`href="#${id}"`);
      expect(html).toContain(`id="${id}"`);
    }
  });

  it("counts errors and warnings and says how many errors block publishing", () => {
    const html = render(sample);
    expect(html).toContain("有 3 个错误需要更正后才能发布");
    expect(html).toContain("<strong>3</strong> 个");
    expect(html).toContain("<strong>2</strong> 个");
    expect(sectionOf(html, roster)).toContain("2 个错误、1 个警告");
    expect(html).not.toContain("可以发布");
  });

  it("says 可以发布 when there are only warnings", () => {
    const html = render(sample.filter((p) => p.severity === "warning"));
    expect(html).toContain("可以发布");
    expect(html).not.toContain("需要更正后才能发布");
  });

  it("says 可以发布 with no problems and lists the clean files", () => {
    const html = render([], ["2024-2025/schools.csv"]);
    expect(html).toContain("可以发布");
    expect(html).toContain("没有发现问题");
    expect(html).toContain("2024-2025/schools.csv");
    expect(html).toContain("<strong>0</strong> 个");
  });

  it("labels severity with words, not only colour", () => {
    const html = render(sample);
    expect(html).toContain('<span class="sev error">错误</span>');
    expect(html).toContain('<span class="sev warning">警告</span>');
  });

  it("explains each code that occurs, with its catalogue title", () => {
    const html = render(sample);
    const glossary = html.slice(html.indexOf("问题代码说明"));
    expect(glossary).toContain("日期无法识别");
    expect(glossary).toContain("重复的关爱记录");
    expect(glossary).toContain("无法识别的列");
    expect(glossary).not.toContain("学籍号重复");
  });

  it("contacts no other host: no URL, and every src or href stays on the page", () => {
    const html = render(sample, ["2024-2025/schools.csv"]);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    for (const [, target] of html.matchAll(/href\s*=\s*"([^"]*)"/gi)) {
      expect(target).toMatch(/^#/);
    }
  });

  it("is deterministic and shows no time unless one is passed", () => {
    expect(render(sample)).toBe(render(sample));
    expect(render(sample)).not.toContain("生成时间");
    const stamped = renderCheckReportHtml(sample, {
      dataLabel: "data",
      generatedAt: "2025-06-30 10:00",
    });
    expect(stamped).toContain("生成时间：2025-06-30 10:00");
  });

  it("keeps the tables readable without JavaScript: plain headers with scope", () => {
    const html = render(sample);
    expect(html).toContain('<th scope="col">说明</th>');
    expect(html).not.toMatch(/<th[^>]*>\s*<button/);
  });
});

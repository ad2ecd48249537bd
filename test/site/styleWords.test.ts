import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { avoidedWords, readableText, styleProblems } from "../helpers/styleWords.ts";

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/style-words.md");

describe("the style word list", () => {
  const words = avoidedWords(DOC);

  it("reads every row of the doc's table, patterns included", () => {
    expect(words.map((w) => w.word)).toContain("线性规划");
    expect(words.find((w) => w.word.startsWith("/"))?.pattern.test("全部2类的留守儿童占比")).toBe(
      true,
    );
    expect(words.find((w) => w.word === "k =")?.except).toEqual(["method/technical/"]);
  });

  it("finds a developer word in a page's text and in its title attributes, not in its styles", () => {
    const page = `<html><head><title>口径与方法</title><style>.x{content:"npm"}</style></head>
      <body><p>所有数字都经过线性规划核查</p><td title="见 system.json">已保护</td></body></html>`;
    expect(styleProblems("method/", page, words)).toEqual([
      "method/: 线性规划（改用 核查）",
      "method/: system.json（改用 加总关系与核查数据（供程序读取））",
    ]);
    expect(readableText(page)).not.toContain("npm");
  });

  it("allows the technical words on the technical appendix only", () => {
    const page = `<html><body><p>用 npm run audit 重新核查 system.json</p></body></html>`;
    expect(styleProblems("method/technical/", page, words)).toEqual([]);
    expect(styleProblems("downloads/", page, words)).toHaveLength(2);
  });

  it("finds a space before Chinese punctuation, as a template's line break leaves it", () => {
    const page = `<html><body><span class="meta">留守儿童72人
          ，照片1张</span></body></html>`;
    expect(styleProblems("2024-2025/activities/", page, words)).toHaveLength(1);
    expect(
      styleProblems("x/", "<html><body><p>留守儿童72人，照片1张。</p></body></html>", words),
    ).toEqual([]);
  });
});

/**
 * Redaction of published activity text (data contract §6): roster names of the year become
 * 某同学; 学籍号, ID numbers and mobile numbers become ＊＊＊; each redacted cell is reported
 * at its file, row and column with masked values only; HTML payloads are escaped as text.
 */
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { CATALOGUE, ProblemSink } from "../../src/pipeline/problems.ts";
import {
  NAME_REPLACEMENT,
  NUMBER_REPLACEMENT,
  buildNameMatcher,
  escapeHtml,
  redactActivities,
  redactSocial,
  redactText,
  type ActivityText,
  type RedactionKind,
} from "../../src/pipeline/redact/redact.ts";
import { idCheckChar } from "../../src/pipeline/validate/values.ts";
import { PROBLEM_FIELDS, removeDataDirs } from "../helpers/dataDir.ts";
import { TEXT_REDACTED_AT, TEXT_REDACTED_SUMMARY, textRedactedCase } from "./textRedactedCase.ts";

afterAll(removeDataDirs);

/** An ID number with a valid check character. */
const ID = `41010220180301123${idCheckChar("41010220180301123")}`;
const NAMES_2024 = buildNameMatcher(["王小明", "李小红", "张小刚"]);

const kinds = (text: string, names = NAMES_2024): RedactionKind[] =>
  redactText(text, names).redactions.map((r) => r.kind);

describe("redactText", () => {
  it("redacts a roster name, mobile numbers in several spellings and an ID number", () => {
    const text =
      `王小明的奶奶电话 13812345678，爷爷 139 1234 5678，姑姑 137-1234-5678，` +
      `舅舅 +86 136 1234 5678，表哥 +8615012345678，身份证号 ${ID}。`;
    const r = redactText(text, NAMES_2024);
    expect(r.text).toBe(
      "某同学的奶奶电话 ＊＊＊，爷爷 ＊＊＊，姑姑 ＊＊＊，舅舅 ＊＊＊，表哥 ＊＊＊，身份证号 ＊＊＊。",
    );
    expect(r.redactions.map((x) => x.kind)).toEqual([
      "name",
      "mobile",
      "mobile",
      "mobile",
      "mobile",
      "mobile",
      "idNumber",
    ]);
  });

  it("redacts 学籍号 (G/J/L + 17 digits + digit or X) as one span, not as an ID number", () => {
    const r = redactText("学籍号G41010220180301123X，另一位 j410102201707152345。", NAMES_2024);
    expect(r.text).toBe("学籍号＊＊＊，另一位 ＊＊＊。");
    expect(r.redactions.map((x) => x.kind)).toEqual(["studentNo", "studentNo"]);
  });

  it("redacts an ID number whatever its check character, lower-case x, or in 6-8-4 groups", () => {
    expect(kinds("号码 410102201803011230 止")).toEqual(["idNumber"]);
    expect(kinds("号码 41010220180301123x 止")).toEqual(["idNumber"]);
    expect(redactText("号码 410102 20180301 1234 止", NAMES_2024).text).toBe("号码 ＊＊＊ 止");
  });

  it("redacts full-width digits and ideographic spaces as well", () => {
    const r = redactText("电话１３８\u30001234\u30005678，完", NAMES_2024);
    expect(r.text).toBe("电话＊＊＊，完");
    expect(r.redactions).toEqual([{ kind: "mobile", excerpt: "138＊＊＊＊" }]);
  });

  it("leaves longer digit runs, school ids, dates and counts alone", () => {
    const text = "2024-09-17 测试县第一小学（4101020001）12 名留守儿童参加；编号 1381234567890；";
    expect(redactText(text, NAMES_2024)).toEqual({ text, redactions: [] });
  });

  it("replaces the longest name first: 王小明 beats 王小", () => {
    const names = buildNameMatcher(["王小", "王小明"]);
    const r = redactText("王小明和王小玩", names);
    expect(r.text).toBe("某同学和某同学玩");
    expect(r.redactions).toEqual([
      { kind: "name", excerpt: "王＊＊" },
      { kind: "name", excerpt: "王＊＊" },
    ]);
  });

  it("replaces overlapping names as one span, leaving no part of either behind", () => {
    const names = buildNameMatcher(["王小", "小明王"]);
    const r = redactText("看望王小明王奶奶", names);
    expect(r.text).toBe("看望某同学奶奶");
    expect(r.redactions).toHaveLength(1);
  });

  it("replaces a name inside a longer CJK word (safety first)", () => {
    const r = redactText("张伟大的梦想", buildNameMatcher(["张伟"]));
    expect(r.text).toBe("某同学大的梦想");
  });

  it("ignores one-character names, placeholders and names without a letter", () => {
    const names = buildNameMatcher(["王", "无", "不详", "测试", "12", " "]);
    expect(names.size).toBe(0);
    const text = "王老师组织心理测试，情况不详，无异常。";
    expect(redactText(text, names)).toEqual({ text, redactions: [] });
  });

  it("uses only the names it is given: a name of another year stays", () => {
    const names2023 = buildNameMatcher(["赵小丽"]);
    const text = "赵小丽和王小明一起读书";
    expect(redactText(text, NAMES_2024).text).toBe("赵小丽和某同学一起读书");
    expect(redactText(text, names2023).text).toBe("某同学和王小明一起读书");
  });

  it("returns text without personal data unchanged", () => {
    const text = "师生一起做月饼、猜灯谜。2024年9月17日，共 30 人参加，发放图书 1200 册。";
    const r = redactText(text, NAMES_2024);
    expect(r.text).toBe(text);
    expect(r.redactions).toEqual([]);
  });

  it("never replaces inside an earlier replacement: redacting twice changes nothing", () => {
    // A name that would only appear across a replacement (学 of 某同学 + 文).
    const names = buildNameMatcher(["王小明", "学文"]);
    const once = redactText("王小明文", names);
    expect(once.text).toBe("某同学文");
    expect(redactText(once.text, names)).toEqual({ text: once.text, redactions: [] });
    expect(redactText("某同学和＊＊＊", names).redactions).toEqual([]);
  });

  it("masks every excerpt: never the full value", () => {
    const text = `王小明 13812345678 ${ID} G${ID}`;
    const r = redactText(text, NAMES_2024);
    expect(r.redactions.map((x) => x.excerpt)).toEqual([
      "王＊＊",
      "138＊＊＊＊",
      "410＊＊＊＊",
      "G41＊＊＊＊",
    ]);
  });
});

describe("redactActivities", () => {
  const FILE = "2024-2025/activities.csv";
  const rows: (ActivityText & { photos: string[] })[] = [
    { file: FILE, row: 2, title: "中秋节关爱活动", summary: "师生一起做月饼。", photos: ["a.jpg"] },
    {
      file: FILE,
      row: 3,
      title: "李小红读书分享会",
      summary: `李小红的妈妈（电话 139-1234-5678，身份证 ${ID}）来校参加。`,
      photos: [],
    },
    { file: FILE, row: 4, title: "王小明生日会", photos: [] },
  ];

  it("redacts title and summary and warns once per redacted cell, at file, row and column", () => {
    const sink = new ProblemSink();
    const out = redactActivities(rows, new Set(["王小明", "李小红"]), sink);
    expect(out.map((a) => [a.title, a.summary])).toEqual([
      ["中秋节关爱活动", "师生一起做月饼。"],
      ["某同学读书分享会", "某同学的妈妈（电话 ＊＊＊，身份证 ＊＊＊）来校参加。"],
      ["某同学生日会", undefined],
    ]);
    expect(out[0]).toBe(rows[0]); // unchanged rows are passed through
    expect(out[1]!.photos).toEqual([]);
    expect(rows[1]!.title).toBe("李小红读书分享会"); // the input is not modified
    expect(out[2]).not.toHaveProperty("summary");

    const problems = sink.finish();
    expect(problems.map((p) => [p.code, p.severity, p.file, p.row, p.column])).toEqual([
      ["W_TEXT_REDACTED", "warning", FILE, 3, "活动名称"],
      ["W_TEXT_REDACTED", "warning", FILE, 3, "简介"],
      ["W_TEXT_REDACTED", "warning", FILE, 4, "活动名称"],
    ]);
    const summary = problems[1]!.message;
    expect(summary).toContain("学生姓名“李＊＊”、手机号“139＊＊＊＊”、身份证件号“410＊＊＊＊”");
    expect(summary).toContain("共 3 处");
    expect(summary).toContain("请在原表中删去这些个人信息");
    for (const p of problems) {
      for (const secret of ["李小红", "王小明", "139-1234-5678", "13912345678", ID, ID.slice(-8)]) {
        expect(p.message).not.toContain(secret);
      }
    }
  });

  it("accepts a compiled matcher and reports nothing for clean rows", () => {
    const sink = new ProblemSink();
    const out = redactActivities([rows[0]!], NAMES_2024, sink);
    expect(out[0]).toBe(rows[0]);
    expect(sink.finish()).toEqual([]);
  });

  it("lists at most five masked values in one warning and counts them all", () => {
    const sink = new ProblemSink();
    const many = Array.from({ length: 7 }, (_, i) => `13${i + 3}12345678`).join("、");
    redactActivities([{ file: FILE, row: 9, title: "活动", summary: many }], [], sink);
    const [p] = sink.finish();
    expect(p!.message.match(/手机号“/g)).toHaveLength(5);
    expect(p!.message).toContain("等，共 7 处");
  });
});

describe("redactSocial", () => {
  it("redacts what was given (内容) and keeps the donor, warning at file, row and column 内容", () => {
    const FILE = "2024-2025/social.csv";
    const rows = [
      { file: FILE, row: 2, donor: "县妇联", items: "图书和文具" },
      { file: FILE, row: 3, donor: "爱心协会", items: `为王小明送去轮椅（联系 13912345678）` },
    ];
    const sink = new ProblemSink();
    const out = redactSocial(rows, new Set(["王小明"]), sink);
    expect(out.map((r) => [r.donor, r.items])).toEqual([
      ["县妇联", "图书和文具"],
      ["爱心协会", "为某同学送去轮椅（联系 ＊＊＊）"],
    ]);
    expect(out[0]).toBe(rows[0]);
    expect(sink.finish().map((p) => [p.code, p.file, p.row, p.column])).toEqual([
      ["W_TEXT_REDACTED", FILE, 3, "内容"],
    ]);
  });
});

describe("W_TEXT_REDACTED in the problem catalogue", () => {
  it("is a warning with a Chinese title and message", () => {
    expect(CATALOGUE.W_TEXT_REDACTED.severity).toBe("warning");
    expect(CATALOGUE.W_TEXT_REDACTED.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it("is reported by the catalogue fixture at activities.csv row 2, column 简介, masked", async () => {
    const result = await textRedactedCase();
    const found = result.problems.filter((p) => p.code === "W_TEXT_REDACTED");
    expect(found, JSON.stringify(result.problems, null, 1)).toHaveLength(1);
    const p = found[0]!;
    expect([p.file, p.row, p.column]).toEqual([
      TEXT_REDACTED_AT.file,
      TEXT_REDACTED_AT.row,
      TEXT_REDACTED_AT.column,
    ]);
    expect(p.severity).toBe("warning");
    expect(Object.keys(p).sort()).toEqual(PROBLEM_FIELDS);
    for (const text of TEXT_REDACTED_AT.quotes) expect(p.message).toContain(text);
    for (const secret of ["王小明", "138 1234 5678", "13812345678", TEXT_REDACTED_SUMMARY]) {
      expect(p.message).not.toContain(secret);
    }
    expect(result.errors).toBe(result.problems.filter((q) => q.severity === "error").length);
    expect(result.warnings).toBe(result.problems.filter((q) => q.severity === "warning").length);
  });
});

describe("escapeHtml", () => {
  const PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    `"><svg onload=alert(1)>`,
    "Tom & Jerry's",
  ];

  for (const payload of PAYLOADS) {
    it(`renders ${JSON.stringify(payload)} as inert text`, () => {
      const escaped = escapeHtml(payload);
      expect(escaped).not.toMatch(/[<>"']/);
      const { document } = parseHTML(
        `<!doctype html><html><body><p title="${escaped}">${escaped}</p></body></html>`,
      );
      const p = document.querySelector("p")!;
      expect(document.querySelectorAll("script, img, svg")).toHaveLength(0);
      expect(p.children).toHaveLength(0);
      expect(p.textContent).toBe(payload);
      expect(p.getAttribute("title")).toBe(payload);
    });
  }

  it("escapes & first, so entities in the text stay visible as written", () => {
    expect(escapeHtml("&lt;b&gt;")).toBe("&amp;lt;b&amp;gt;");
  });
});

describe("redaction, property-based", () => {
  // Names are drawn from characters outside 某同学, so that any name in the output would have
  // to come from unredacted input text.
  const NAME_CHARS = [..."王李张刘陈杨黄赵周吴小明红华丽军燕芳伟强"];
  const nameArb = fc
    .array(fc.constantFrom(...NAME_CHARS), { minLength: 2, maxLength: 4 })
    .map((cs) => cs.join(""));
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
  const mobileArb = fc
    .tuple(
      fc.integer({ min: 3, max: 9 }),
      digits(9),
      fc.constantFrom("", " ", "-"),
      fc.constantFrom("", "+86", "+86 ", "0086", "(+86)"),
    )
    .map(([d, rest, sep, prefix]) => {
      const n = `1${d}${rest}`;
      return `${prefix}${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
    });
  const idArb = fc
    .tuple(digits(17), fc.boolean(), fc.constantFrom("X", "x", "0"))
    .map(([d, valid, other]) => `${d}${valid ? idCheckChar(d) : other}`);
  const studentNoArb = fc
    .tuple(fc.constantFrom("G", "J", "L"), idArb)
    .map(([letter, id]) => `${letter}${id}`);
  // Filler: CJK (name characters too), ASCII letters, digits (also full-width), spaces, dashes.
  const fillerArb = fc
    .array(fc.constantFrom(..."的了在有活动学生老师abcXYZ0123456789０１９ -+，。：；\n"), {
      maxLength: 12,
    })
    .map((cs) => cs.join(""));
  const SEPARATORS = ["，", "。", "：", "、", "；", "\n", "（", "）"];

  type Piece = { kind: RedactionKind | "filler"; text: string };
  const textArb = fc.uniqueArray(nameArb, { minLength: 1, maxLength: 6 }).chain((names) =>
    fc
      .array(
        fc.oneof(
          fillerArb.map((text): Piece => ({ kind: "filler", text })),
          fc.constantFrom(...names).map((text): Piece => ({ kind: "name", text })),
          mobileArb.map((text): Piece => ({ kind: "mobile", text })),
          idArb.map((text): Piece => ({ kind: "idNumber", text })),
          studentNoArb.map((text): Piece => ({ kind: "studentNo", text })),
        ),
        { minLength: 1, maxLength: 10 },
      )
      .chain((pieces) =>
        fc
          .array(fc.constantFrom(...SEPARATORS), {
            minLength: pieces.length,
            maxLength: pieces.length,
          })
          .map((seps) => ({
            names,
            pieces,
            text: pieces.map((p, i) => `${seps[i]}${p.text}`).join("") + "。",
          })),
      ),
  );

  /** Patterns that must not remain, on the NFKC form of the output. */
  const MOBILE_LEFT = /(?<![0-9])1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])/;
  const ID_LEFT = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/;

  it("leaves no roster name, mobile number or ID number in the output", () => {
    fc.assert(
      fc.property(textArb, ({ names, pieces, text }) => {
        const matcher = buildNameMatcher(names);
        const r = redactText(text, matcher);
        const out = r.text.normalize("NFKC");
        for (const name of names) expect(out).not.toContain(name);
        expect(out).not.toMatch(MOBILE_LEFT);
        expect(out).not.toMatch(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/);
        expect(out).not.toMatch(ID_LEFT);
        const found = new Set(r.redactions.map((x) => x.kind));
        for (const p of pieces) {
          if (p.kind === "filler") continue;
          expect(r.text).not.toContain(p.text);
          expect(found.has(p.kind)).toBe(true);
        }
        for (const x of r.redactions) {
          expect(x.excerpt).toContain("＊＊");
          for (const p of pieces) if (p.kind !== "filler") expect(x.excerpt).not.toBe(p.text);
        }
        // Every replacement is one of the two tokens; redacting again changes nothing.
        const tokens =
          r.text.split(NAME_REPLACEMENT).length + r.text.split(NUMBER_REPLACEMENT).length;
        expect(tokens - 2).toBeGreaterThanOrEqual(r.redactions.length);
        const again = redactText(r.text, matcher);
        expect(again.text).toBe(r.text);
        expect(again.redactions).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("changes nothing in text without names and without long digit runs", () => {
    const matcher = buildNameMatcher(["王小明", "李小红"]);
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(..."的了在有活动学生老师王小红abc0123456789 -，。"),
          maxLength: 60,
        }),
        (text) => {
          // No run of 11 digits, spaces and dashes: no mobile or ID number can be in it.
          fc.pre(!/[0-9][0-9 -]{9,}[0-9]/.test(text));
          expect(redactText(text, matcher)).toEqual({ text, redactions: [] });
        },
      ),
      { numRuns: 300 },
    );
  });
});

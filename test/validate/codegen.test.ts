/**
 * Where evaluating strings is forbidden (the self-check page's worker), the vocabulary
 * parsers are maps instead of generated switches: they must accept and reject exactly the
 * same cells, with the same problem.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import * as generated from "../../src/pipeline/validate/values.ts";

const LOOKUPS = [
  "parseYesNo",
  "parseLevel",
  "parseUrbanRural",
  "parseSex",
  "parseGrade",
  "parseLeftBehind",
  "parseCarer",
  "parseDisabled",
  "parseBoarding",
  "parseCareType",
  "parseActivityType",
] as const;

const CELLS = [
  ...["是", "否", "1", "0", "Y", "有", "无", "2", "3", "对", ""],
  ...["小学", "九年一贯制学校", "小学教学点", "大学", "111", "村庄", "主城区", "999"],
  ...["男", "女", "男性", "未知", "一年级", "初 一", "初中三年级", "9", "十年级", "小班"],
  ...["双亲 留守", "单亲留守儿童", "非留守儿童", "留守", "祖父母", "外祖父母", "邻居"],
  ...["视力残疾", "无残疾", "走读", "住 校", "谈心", "亲情视频", "视频通话", "读书", "郊游"],
];

const flags = globalThis as { LSRT_NO_CODEGEN?: boolean };
afterAll(() => void delete flags.LSRT_NO_CODEGEN);

describe("vocabulary parsers without code generation", () => {
  it("give the same value or the same problem for every cell", async () => {
    flags.LSRT_NO_CODEGEN = true;
    vi.resetModules();
    const maps = await import("../../src/pipeline/validate/values.ts");
    for (const name of LOOKUPS) {
      for (const cell of CELLS) {
        const a = generated[name](cell);
        const b = maps[name](cell);
        if (a instanceof generated.Invalid) {
          expect(b, `${name}(${cell})`).toBeInstanceOf(maps.Invalid);
          expect({ ...(b as object) }, `${name}(${cell})`).toEqual({ ...a });
        } else expect(b, `${name}(${cell})`).toEqual(a);
      }
    }
    // The map lookups are really in use: a different module instance, no generated code.
    expect(maps.parseSex).not.toBe(generated.parseSex);
    expect(maps.parseSex.toString()).not.toContain("switch");
  });
});

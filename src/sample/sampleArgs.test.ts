import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLE_OPTIONS } from "./generateSample.ts";
import { checkSampleArgs, SAMPLE_USAGE, SampleArgsError } from "./sampleArgs.ts";

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SampleArgsError);
    return (e as Error).message;
  }
  throw new Error("expected a SampleArgsError");
};

describe("checkSampleArgs", () => {
  it("fills in the defaults of the embedded sample", () => {
    expect(checkSampleArgs({ out: "data" })).toEqual({
      out: "data",
      force: false,
      format: "csv",
      options: DEFAULT_SAMPLE_OPTIONS,
    });
  });

  it("reads every option", () => {
    const args = checkSampleArgs({
      out: "x",
      schools: "60",
      students: "20000",
      years: "3",
      seed: "7",
      format: "XLSX",
      force: true,
    });
    expect(args).toEqual({
      out: "x",
      force: true,
      format: "xlsx",
      options: { schools: 60, students: 20000, years: 3, seed: 7 },
    });
  });

  it("rejects a file format it cannot write, quoting it", () => {
    expect(message(() => checkSampleArgs({ out: "x", format: "ods" }))).toBe(
      "--format 应为 csv、xlsx、xls 或 mixed，收到“ods”。",
    );
  });

  it("asks for --out in Chinese when it is missing", () => {
    expect(message(() => checkSampleArgs({}))).toMatch(/请用 --out 指定/);
  });

  it("rejects a value that is not a whole number in range, quoting it", () => {
    expect(message(() => checkSampleArgs({ out: "x", schools: "abc" }))).toBe(
      "--schools 应为 12 到 300 之间的整数，收到“abc”。",
    );
    expect(message(() => checkSampleArgs({ out: "x", years: "0" }))).toMatch(
      /--years 应为 1 到 10/,
    );
    expect(message(() => checkSampleArgs({ out: "x", seed: "-1" }))).toMatch(/--seed/);
    expect(message(() => checkSampleArgs({ out: "x", students: "2.5" }))).toMatch(/--students/);
  });

  it("rejects too few pupils for the number of schools", () => {
    expect(message(() => checkSampleArgs({ out: "x", schools: "300", students: "5000" }))).toMatch(
      /至少应为学校数的 30 倍/,
    );
  });
});

describe("SAMPLE_USAGE", () => {
  it("explains every option in Chinese", () => {
    for (const opt of [
      "--out",
      "--schools",
      "--students",
      "--years",
      "--seed",
      "--force",
      "--help",
    ])
      expect(SAMPLE_USAGE).toContain(opt);
    expect(SAMPLE_USAGE).toMatch(/^用法：/);
  });
});

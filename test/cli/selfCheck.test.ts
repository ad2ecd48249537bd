/**
 * `npm run self-check` as a data officer runs it: a page from site.json and the newest
 * year's school list, even before the schools have sent anything; no page when the school
 * list has an error; nothing ever written into the data folder.
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { main as selfCheckMain } from "../../scripts/self-check.ts";
import { UsageError } from "../../src/cli/args.ts";
import type { SelfCheckSettings } from "../../src/selfcheck/settings.ts";
import {
  SCHOOLS,
  STUDENTS,
  CARE,
  removeDataDirs,
  tempDir,
  writeDataDir,
} from "../helpers/dataDir.ts";
import { runCommand } from "../helpers/run.ts";

afterAll(removeDataDirs);

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe("npm run self-check", () => {
  it("explains itself in Chinese with --help, and asks for --out", async () => {
    const { code, out } = await runCommand(selfCheckMain, ["--help"]);
    expect(code).toBe(0);
    expect(out).toContain("用法：npm run self-check -- --out 文件夹");
    await expect(selfCheckMain([])).rejects.toThrow(UsageError);
    await expect(selfCheckMain(["--frobnicate"])).rejects.toThrow(/不认识的选项/);
  });

  it("writes one page from site.json and the school list alone, before any school has sent files", async () => {
    const dir = await writeDataDir({ [STUDENTS]: null, [CARE]: null });
    const before = await listing(dir);
    const out = path.join(await tempDir(), "自查网页");
    const { code, out: printed } = await runCommand(selfCheckMain, ["--data", dir, "--out", out]);
    expect(code, printed).toBe(0);
    expect(await readdir(out)).toEqual(["index.html"]);
    expect(await listing(dir)).toEqual(before);
    const { document } = parseHTML(await readFile(path.join(out, "index.html"), "utf8"));
    const settings = JSON.parse(
      document.getElementById("settings")!.textContent!,
    ) as SelfCheckSettings;
    expect(settings.year).toBe("2024-2025");
    expect(settings.schoolsCsv.split("\r\n")[0]).toBe(
      "学校标识码,学校名称,区县,乡镇,学段,城乡分类代码",
    );
    expect(document.querySelector("h1")!.textContent).toBe("学校数据自查（2024-2025 学年）");
  });

  it("writes no page when the school list has an error, and names it", async () => {
    const dir = await writeDataDir({
      [SCHOOLS]:
        "学校标识码,学校名称,区县,乡镇,学段,城乡分类代码\r\n4101020001,一小,测试县,城关镇,大学,111\r\n",
    });
    const out = path.join(await tempDir(), "page");
    const { code, out: printed } = await runCommand(selfCheckMain, ["--data", dir, "--out", out]);
    expect(code).toBe(1);
    expect(printed).toContain("E_VALUE_INVALID");
    expect(printed).toContain("没有生成自查网页");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to write into the data folder", async () => {
    const dir = await writeDataDir({});
    await expect(selfCheckMain(["--data", dir, "--out", path.join(dir, "page")])).rejects.toThrow(
      UsageError,
    );
    expect(existsSync(path.join(dir, "page"))).toBe(false);
  });
});

/**
 * `npm run pdf` where it stops before Chromium is needed: its help, a site not built yet, a
 * missing Chromium, a data folder that does not belong to the site. Each stop is one Chinese
 * line and exit 1 (a wrong option: exit 2), and the site is left as it was. The printing
 * itself is tested in Chromium: test/e2e/pdf.e2e.test.ts.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../scripts/pdf.ts";
import { UsageError } from "../../src/cli/args.ts";
import { CHROMIUM_MISSING } from "../../src/pdf/findChromium.ts";
import { SITE_JSON, removeDataDirs, tempDir, writeDataDir } from "../helpers/dataDir.ts";
import { runCommand } from "../helpers/run.ts";
import { snapshot, writeSummarySite } from "../helpers/summarySite.ts";

afterAll(removeDataDirs);

async function fixture(): Promise<{ site: string; data: string }> {
  const site = path.join(await tempDir(), "site");
  await writeSummarySite(site);
  return { site, data: await writeDataDir() };
}

/** Any executable stands in for Chromium where the run stops before starting it. */
const NOT_STARTED = process.execPath;

describe("npm run pdf stops early, in one line", () => {
  it("explains itself in Chinese with --help", async () => {
    const { code, out } = await runCommand(main, ["--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^用法：npm run pdf -- \[--site 文件夹\]/);
    expect(out).toContain("--all-years");
  });

  it("asks for npm run build when the site has no summaries.json", async () => {
    const site = await tempDir();
    await writeFile(path.join(site, "index.html"), "<h1>旧网站</h1>");
    for (const dir of [site, path.join(site, "missing")]) {
      const { code, out } = await runCommand(main, ["--site", dir, "--chromium", NOT_STARTED]);
      expect(code).toBe(1);
      expect(out.trim().split("\n")).toHaveLength(1);
      expect(out).toMatch(/没有 downloads\/summaries\.json：请先运行 npm run build/);
    }
  });

  it("says how to install Chromium when there is none, and nothing else", async () => {
    const { site, data } = await fixture();
    const before = await snapshot(site);
    const missing = path.join(site, "no-such-chromium");
    const { code, out } = await runCommand(main, [
      "--site",
      site,
      "--data",
      data,
      "--chromium",
      missing,
    ]);
    expect(code).toBe(1);
    expect(out).toBe(`${CHROMIUM_MISSING}\n`);
    expect(await snapshot(site)).toEqual(before);
  });

  it("refuses a data folder of another county, or one without the year's roster", async () => {
    const { site, data } = await fixture();
    const before = await snapshot(site);
    const other = await writeDataDir({
      "site.json": JSON.stringify({ ...SITE_JSON, title: "别县留守儿童关爱数据公开平台" }),
    });
    const a = await runCommand(main, ["--site", site, "--data", other, "--chromium", NOT_STARTED]);
    expect(a.code).toBe(1);
    expect(a.out).toMatch(/与网站（测试县教育局，测试县留守儿童关爱数据公开平台）不一致/);
    const b = await runCommand(main, [
      "--site",
      site,
      "--data",
      data,
      "--year",
      "2023-2024",
      "--chromium",
      NOT_STARTED,
    ]);
    expect(b.code).toBe(1);
    expect(b.out).toMatch(/没有 2023-2024 学年的数据/);
    expect(await snapshot(site)).toEqual(before);
    // Nothing left beside the site either.
    expect((await snapshot(path.dirname(site))).size).toBe(before.size);
  });

  it("takes a year that the site has, and --year or --all-years, not both", async () => {
    const { site } = await fixture();
    await expect(main(["--site", site, "--year", "2019-2020"])).rejects.toThrow(
      new UsageError("网站中没有 2019-2020 学年的摘要页。可选的学年：2023-2024、2024-2025。"),
    );
    await expect(main(["--site", site, "--year", "2024-2025", "--all-years"])).rejects.toThrow(
      UsageError,
    );
    await expect(main(["--site", site, "--pages", "3"])).rejects.toThrow(/不认识的选项 --pages/);
  });

  it("never writes into the data folder: a site inside it is refused", async () => {
    const data = await writeDataDir();
    const site = path.join(data, "dist");
    await mkdir(site);
    await expect(main(["--site", site, "--data", data])).rejects.toThrow(UsageError);
  });
});

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { manifest } from "../../test/helpers/summarySite.ts";
import { ManifestError, MANIFEST_PATH, readSummaryManifest } from "./summaryManifest.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function siteWith(json: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "lsrt-manifest-"));
  dirs.push(dir);
  if (json !== undefined) {
    await mkdir(path.join(dir, "downloads"), { recursive: true });
    const text = typeof json === "string" ? json : JSON.stringify(json);
    await writeFile(path.join(dir, ...MANIFEST_PATH.split("/")), text);
  }
  return dir;
}

/** The fixture's manifest with one change made to its newest year's region summary. */
function withRegion(change: Record<string, unknown>) {
  const m = manifest();
  Object.assign(m.years[1]!.summaries[0]!, change);
  return m;
}

describe("readSummaryManifest", () => {
  it("reads the manifest that the build writes", async () => {
    const read = await readSummaryManifest(await siteWith(manifest()));
    expect(read?.basePath).toBe("/zwgk/lsrt/");
    expect(read?.years.map((y) => y.year)).toEqual(["2023-2024", "2024-2025"]);
    expect(read?.years[1]!.summaries[0]).toEqual({
      unit: "region",
      unitName: "测试县",
      level: 3,
      page: "2024-2025/region/summary/",
      pdf: "downloads/2024-2025/summary-region.pdf",
      slot: "2024-2025/region",
    });
  });

  it("returns null for a site without one", async () => {
    expect(await readSummaryManifest(await siteWith(undefined))).toBeNull();
  });

  it("refuses paths that leave the site, slots that would break the page, and a region not first", async () => {
    const cases: [unknown, RegExp][] = [
      ["{", /不是有效的 JSON/],
      [{ ...manifest(), format: 2 }, /format/],
      [withRegion({ pdf: "../outside.pdf" }), /summaries\.0\.pdf：应为网站文件夹内的相对路径/],
      [withRegion({ page: "/2024-2025/region/summary/" }), /相对路径/],
      [withRegion({ slot: 'a" onclick="x' }), /不能含引号/],
      [withRegion({ unit: "t:测试县/城关镇" }), /第一份摘要应是全县/],
      [withRegion({ pdf: "downloads/2023-2024/summary-region.pdf" }), /出现了两次/],
    ];
    for (const [json, message] of cases) {
      const read = readSummaryManifest(await siteWith(json));
      await expect(read).rejects.toThrow(ManifestError);
      await expect(read).rejects.toThrow(message);
    }
  });
});

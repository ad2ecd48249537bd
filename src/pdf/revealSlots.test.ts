import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { revealSlots, showSlots } from "./revealSlots.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const slot = (name: string) => `<p data-pdf-slot="${name}" hidden><a href="/x.pdf">下载</a></p>`;

describe("showSlots", () => {
  it("takes out ` hidden` after exactly the slots given, every time they occur", () => {
    const html = `${slot("2024-2025/region")}${slot("2024-2025/region")}${slot("2024-2025/region-old")}`;
    const { html: out, shown } = showSlots(html, ["2024-2025/region"]);
    expect(shown).toBe(2);
    expect(out).toBe(
      '<p data-pdf-slot="2024-2025/region"><a href="/x.pdf">下载</a></p>'.repeat(2) +
        slot("2024-2025/region-old"),
    );
  });
});

describe("revealSlots", () => {
  it("shows the slots in every page that has them and leaves the rest of the site alone", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lsrt-slots-"));
    dirs.push(dir);
    const files: Record<string, string> = {
      "2024-2025/region/summary/index.html": `<main>${slot("2024-2025/region")}</main>`,
      "downloads/index.html": `${slot("2024-2025/region")}${slot("2024-2025/bundle")}${slot("2023-2024/region")}`,
      "index.html": "<h1>首页</h1>",
      "data/a.json": JSON.stringify({ html: slot("2024-2025/region") }),
    };
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    const result = await revealSlots(dir, ["2024-2025/region", "2024-2025/bundle", "2024-2025/x"]);
    expect(result).toEqual({
      pages: ["2024-2025/region/summary/index.html", "downloads/index.html"],
      missing: ["2024-2025/x"],
    });
    const read = (rel: string) => readFile(path.join(dir, rel), "utf8");
    expect(await read("downloads/index.html")).toBe(
      '<p data-pdf-slot="2024-2025/region"><a href="/x.pdf">下载</a></p>' +
        '<p data-pdf-slot="2024-2025/bundle"><a href="/x.pdf">下载</a></p>' +
        slot("2023-2024/region"),
    );
    expect(await read("index.html")).toBe(files["index.html"]);
    expect(await read("data/a.json")).toBe(files["data/a.json"]);
  });
});

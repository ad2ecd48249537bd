import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearGenerated, folderState, writeSampleFiles } from "./writeSample.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lsrt-sample-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("folderState", () => {
  it("tells a missing, an empty and a non-empty folder and a file apart", async () => {
    expect(await folderState(path.join(dir, "nope"))).toBe("missing");
    expect(await folderState(dir)).toBe("empty");
    await writeFile(path.join(dir, "a.txt"), "x");
    expect(await folderState(dir)).toBe("non-empty");
    expect(await folderState(path.join(dir, "a.txt"))).toBe("not-a-folder");
  });
});

describe("writeSampleFiles and clearGenerated", () => {
  it("writes nested files, and clearing removes only site.json and year folders", async () => {
    await writeSampleFiles(dir, [
      { path: "site.json", data: Buffer.from("{}") },
      { path: "2024-2025/students/a.csv", data: Buffer.from("x") },
    ]);
    expect(await readFile(path.join(dir, "2024-2025", "students", "a.csv"), "utf8")).toBe("x");
    await writeFile(path.join(dir, "README.md"), "keep");
    await mkdir(path.join(dir, "notes"));
    await clearGenerated(dir);
    expect((await readdir(dir)).sort()).toEqual(["README.md", "notes"]);
  });
});

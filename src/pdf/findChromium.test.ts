import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_MISSING, findChromium } from "./findChromium.ts";

let dir = "";
let executable = "";
let plain = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lsrt-chromium-"));
  executable = path.join(dir, "chromium");
  plain = path.join(dir, "not-executable");
  await writeFile(executable, "#!/bin/sh\n");
  await chmod(executable, 0o755);
  await writeFile(plain, "");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("findChromium", () => {
  it("takes --chromium first, then LSRT_CHROMIUM, then the usual places", () => {
    const missing = path.join(dir, "missing");
    expect(findChromium(executable, { LSRT_CHROMIUM: missing }, [])).toBe(executable);
    expect(findChromium(undefined, { LSRT_CHROMIUM: executable }, [missing])).toBe(executable);
    expect(findChromium(undefined, {}, [missing, plain, executable])).toBe(executable);
  });

  it("does not fall back when the path given is wrong, and finds nothing where nothing is", () => {
    expect(findChromium(path.join(dir, "missing"), {}, [executable])).toBeNull();
    expect(findChromium(undefined, { LSRT_CHROMIUM: plain }, [executable])).toBeNull();
    expect(findChromium(dir, {}, [])).toBeNull();
    expect(findChromium(undefined, {}, [path.join(dir, "missing")])).toBeNull();
  });

  it("says in one line how to install it", () => {
    expect(CHROMIUM_MISSING).not.toContain("\n");
    expect(CHROMIUM_MISSING).toContain("apt-get install -y chromium fonts-noto-cjk");
    expect(CHROMIUM_MISSING).toContain("--chromium");
  });
});

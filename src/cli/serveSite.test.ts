import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite, type SiteServer } from "./serveSite.ts";

let dir = "";
let server: SiteServer;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lsrt-serve-"));
  await mkdir(path.join(dir, "site", "2024-2025"), { recursive: true });
  await writeFile(path.join(dir, "site", "2024-2025", "index.html"), "<h1>学年</h1>");
  await writeFile(path.join(dir, "site", "a.csv"), "a,b\r\n");
  await writeFile(path.join(dir, "secret.txt"), "outside");
  server = await serveSite(path.join(dir, "site"), "/zwgk/lsrt/");
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("serveSite", () => {
  it("serves the site under its base path, a folder by its index.html", async () => {
    const page = await fetch(server.url("2024-2025/"));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe("<h1>学年</h1>");
    const csv = await fetch(`${server.origin}/zwgk/lsrt/a.csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("answers 404 outside the base path and never serves a file outside the folder", async () => {
    expect((await fetch(`${server.origin}/a.csv`)).status).toBe(404);
    expect((await fetch(`${server.origin}/zwgk/lsrt/missing/`)).status).toBe(404);
    // An escaped slash survives the URL parser and decodes to "../secret.txt".
    expect((await fetch(`${server.origin}/zwgk/lsrt/..%2fsecret.txt`)).status).toBe(403);
    expect((await fetch(`${server.origin}/zwgk/lsrt/%E0%A4%A`)).status).toBe(400);
  });
});

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleSelfCheck, type SelfCheckBundle } from "./bundle.ts";
import { renderSelfCheckPage, type SelfCheckPage } from "./pageHtml.ts";

/** Writes the self-check page as `index.html` in `dir`; returns the file's path and size. */
export async function writeSelfCheckPage(
  dir: string,
  page: Omit<SelfCheckPage, keyof SelfCheckBundle>,
): Promise<{ file: string; bytes: number }> {
  const html = renderSelfCheckPage({ ...page, ...(await bundleSelfCheck()) });
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "index.html");
  await writeFile(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}

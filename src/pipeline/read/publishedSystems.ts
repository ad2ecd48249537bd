import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { FORMAT_VERSION, type PublishedSystem } from "../publish/publishable.ts";

/** A published system file that could not be read, for the audit command to name. */
export interface UnreadableFile {
  file: string;
  reason: string;
}

/**
 * Reads every `data/<学年>/system.json` of a built site (docs/published-tables.md), for the
 * audit anyone can re-run. Years oldest first.
 */
export async function readPublishedSystems(
  siteDir: string,
): Promise<{ systems: PublishedSystem[]; unreadable: UnreadableFile[] }> {
  const dataDir = path.join(siteDir, "data");
  const years = (await readdir(dataDir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory() && /^\d{4}-\d{4}$/.test(e.name))
    .map((e) => e.name)
    .sort();
  const systems: PublishedSystem[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const year of years) {
    const file = path.join(dataDir, year, "system.json");
    try {
      const parsed = JSON.parse(await readFile(file, "utf8")) as PublishedSystem;
      if (parsed.format !== FORMAT_VERSION || !Array.isArray(parsed.figures))
        throw new Error(`不是本工具当前版本发布的格式（应为第 ${FORMAT_VERSION} 版）`);
      systems.push(parsed);
    } catch (e) {
      unreadable.push({ file, reason: (e as Error).message });
    }
  }
  return { systems, unreadable };
}

/**
 * Writing a generated sample to a folder. The only part of the generator (besides
 * largeRoster.ts) that touches the file system.
 */
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SampleFile } from "./generateSample.ts";

export type FolderState = "missing" | "empty" | "non-empty" | "not-a-folder";

/** Whether `dir` exists and holds anything. */
export async function folderState(dir: string): Promise<FolderState> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) return "not-a-folder";
    return (await readdir(dir)).length === 0 ? "empty" : "non-empty";
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw e;
  }
}

/** A school-year folder name such as "2024-2025". */
export const YEAR_FOLDER = /^\d{4}-\d{4}$/;

/**
 * Removes what a previous run generated (site.json and the school-year folders), so that
 * no stale year survives a regeneration. Anything else in the folder is left alone.
 */
export async function clearGenerated(dir: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (entry === "site.json" || YEAR_FOLDER.test(entry))
      await rm(path.join(dir, entry), { recursive: true, force: true });
  }
}

/** Writes every file under `dir`, creating folders as needed. */
export async function writeSampleFiles(dir: string, files: readonly SampleFile[]): Promise<void> {
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(dir, ...file.path.split("/"));
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await writeFile(target, file.data);
  }
}

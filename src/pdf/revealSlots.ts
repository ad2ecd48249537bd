/**
 * Pages link to a PDF or zip through a slot that the build renders hidden,
 * `<p data-pdf-slot="2024-2025/region" hidden>…</p>`, because the file does not exist yet.
 * Once the file is in the site, its slot is shown by taking out exactly ` hidden` after it,
 * in every page that has it. Slots of files not made stay hidden.
 */
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** The exact text of a hidden slot, as the build renders it. */
export const hiddenSlot = (slot: string) => ` data-pdf-slot="${slot}" hidden`;
const shownSlot = (slot: string) => ` data-pdf-slot="${slot}"`;

/** Every .html file under a folder, relative, sorted. */
async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".html"))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The page's text with the slots shown, and how many were shown. */
export function showSlots(html: string, slots: readonly string[]): { html: string; shown: number } {
  let shown = 0;
  for (const slot of slots) {
    const parts = html.split(hiddenSlot(slot));
    shown += parts.length - 1;
    html = parts.join(shownSlot(slot));
  }
  return { html, shown };
}

/**
 * Shows the slots in every page of the site that has them; each changed page is replaced in
 * one step (written beside it, then renamed). Returns the pages changed (relative paths) and
 * the slots that no page had.
 */
export async function revealSlots(
  siteDir: string,
  slots: readonly string[],
): Promise<{ pages: string[]; missing: string[] }> {
  const pages: string[] = [];
  const found = new Set<string>();
  for (const rel of await htmlFiles(siteDir)) {
    const file = path.join(siteDir, rel);
    const before = await readFile(file, "utf8");
    const present = slots.filter((s) => before.includes(hiddenSlot(s)));
    if (present.length === 0) continue;
    for (const s of present) found.add(s);
    const { html } = showSlots(before, present);
    const staged = `${file}.pdf-${process.pid}`;
    await writeFile(staged, html);
    await rename(staged, file);
    pages.push(rel.split(path.sep).join("/"));
  }
  return { pages, missing: slots.filter((s) => !found.has(s)) };
}

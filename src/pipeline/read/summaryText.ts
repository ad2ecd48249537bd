/**
 * Reads a bureau's text for the summary's 下一步工作 (`<学年>/summary/<单位>.md`): plain
 * paragraphs, separated by blank lines, in UTF-8 or GB18030 like every table. Markdown marks
 * a bureau might type are dropped (a heading line, list bullets), since the summary numbers its
 * own sections.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { resolveDataPath } from "./dataDir.ts";
import { StreamDecoder } from "./decode.ts";

export interface SummaryText {
  /** Relative to the data folder, as problems name it. */
  file: string;
  /** The unit the file is named after: its name without extension ("region" for summary.md). */
  key: string;
  paragraphs: string[];
}

/** The paragraphs of a text: blank lines separate them, lines within one are joined. */
export function textParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#"))
        .map((line) => line.replace(/^(?:[-*+]\s+|>\s*)/, ""))
        .join(""),
    )
    .filter((p) => p !== "");
}

/**
 * Reads one text file. Throws `DecodeError` when it is not text in an accepted encoding.
 * `summary.md` (beside the summary folder) is the region's.
 */
export async function readSummaryText(root: string, rel: string): Promise<SummaryText> {
  const decoder = new StreamDecoder();
  const bytes = new Uint8Array(await readFile(resolveDataPath(root, rel)));
  const text = decoder.push(bytes) + decoder.end();
  const base = path.posix.basename(rel).replace(/\.(md|txt)$/i, "");
  const inFolder = rel.split("/").at(-2) === "summary";
  return {
    file: rel,
    key: inFolder ? base.normalize("NFKC").trim() : "region",
    paragraphs: textParagraphs(text),
  };
}

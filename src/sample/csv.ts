/**
 * Writing CSV as Chinese offices produce it: CRLF line ends, quotes only where needed,
 * UTF-8 with a BOM (what Excel needs), UTF-8 without one, or GB18030 (Excel's "CSV" on
 * Chinese Windows).
 */
import iconv from "iconv-lite";

export type TextEncoding = "utf8bom" | "utf8" | "gb18030";

/** One cell, quoted if it holds the delimiter, a quote or a line break. */
export function csvCell(value: string, delimiter = ","): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** A whole table as CSV text with CRLF line ends (including after the last row). */
export function csvText(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  delimiter = ",",
): string {
  const line = (cells: readonly string[]) =>
    cells.map((c) => csvCell(c, delimiter)).join(delimiter);
  return [header, ...rows].map(line).join("\r\n") + "\r\n";
}

/** Encodes text for a file. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case "utf8bom":
      return Buffer.from(`\uFEFF${text}`, "utf8");
    case "utf8":
      return Buffer.from(text, "utf8");
    case "gb18030":
      return iconv.encode(text, "gb18030");
  }
}

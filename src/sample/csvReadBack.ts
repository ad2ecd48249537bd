/**
 * Reads a generated CSV back (for the generator's own tests): detects the encoding as the
 * data contract says (BOM, then strict UTF-8, else GB18030) and the delimiter from the
 * header line, and splits with papaparse.
 */
import Papa from "papaparse";

export interface ReadBack {
  readonly encoding: "utf8bom" | "utf8" | "gb18030";
  readonly delimiter: string;
  readonly header: string[];
  /** Data rows, without rows whose cells are all empty. */
  readonly rows: string[][];
}

/** Decodes and parses a CSV file's bytes. */
export function readBackCsv(data: Buffer): ReadBack {
  let encoding: ReadBack["encoding"];
  let text: string;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    encoding = "utf8bom";
    text = new TextDecoder("utf-8", { fatal: true }).decode(data.subarray(3));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(data);
      encoding = "utf8";
    } catch {
      text = new TextDecoder("gb18030", { fatal: true }).decode(data);
      encoding = "gb18030";
    }
  }
  const firstLine = text.slice(0, text.indexOf("\n"));
  const delimiter = [",", "\t", ";"].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  return { encoding, delimiter, header, rows: rows.filter((r) => r.some((c) => c.trim() !== "")) };
}

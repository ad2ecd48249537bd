/**
 * A streaming CSV record parser (RFC 4180 quoting, CRLF or LF, comma/tab/semicolon),
 * counting rows as Excel shows them: a quoted cell with line breaks is one row, and a blank
 * line is a row.
 *
 * Lines without a quote take a fast path (`split`); only quoted records are scanned
 * character by character.
 */

export type Delimiter = "," | "\t" | ";";

/** Longest record accepted: a longer one is not table data (binary, or a lost quote). */
export const MAX_RECORD_CHARS = 1 << 20;

export class CsvError extends Error {
  override name = "CsvError";
  constructor(
    readonly kind: "unclosed-quote" | "too-long",
    readonly row: number,
  ) {
    super(`${kind} at row ${row}`);
  }
}

/** Picks the delimiter from the header line: the most frequent of comma, tab, semicolon outside quotes. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = { ",": 0, "\t": 0, ";": 0 } as Record<Delimiter, number>;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "," || ch === "\t" || ch === ";")) counts[ch]++;
  }
  let best: Delimiter = ",";
  for (const d of ["\t", ";"] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/**
 * Parses one quoted-or-not record starting at `start`. Returns the cells and the index just
 * past the record's line break, or null when the data ends inside the record.
 */
function parseRecordSlow(
  data: string,
  start: number,
  delim: string,
  final: boolean,
): { cells: string[]; next: number } | null {
  const cells: string[] = [];
  let i = start;
  const n = data.length;
  for (;;) {
    // One cell.
    if (i < n && data.charCodeAt(i) === 34 /* " */) {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = data.indexOf('"', j);
        if (q < 0) return null;
        value += data.slice(j, q);
        if (q + 1 < n && data.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) return null; // might be an escaped quote split across chunks
        i = q + 1;
        break;
      }
      // Text after the closing quote up to the delimiter is kept, as Excel does.
      let k = i;
      while (k < n) {
        const c = data[k];
        if (c === delim || c === "\n" || c === "\r") break;
        k++;
      }
      value += data.slice(i, k);
      i = k;
      cells.push(value);
    } else {
      let k = i;
      while (k < n) {
        const c = data[k];
        if (c === delim || c === "\n" || c === "\r") break;
        k++;
      }
      cells.push(data.slice(i, k));
      i = k;
    }
    if (i >= n) {
      if (!final) return null;
      return { cells, next: n };
    }
    const c = data[i];
    if (c === delim) {
      i++;
      continue;
    }
    // End of record: \n, \r\n or a lone \r.
    if (c === "\r") {
      if (i + 1 >= n && !final) return null;
      i += i + 1 < n && data[i + 1] === "\n" ? 2 : 1;
    } else i++;
    return { cells, next: i };
  }
}

/**
 * Feed text with `push`, then call `end`. `onRecord` receives each record's cells (untrimmed;
 * only the first `count` entries are the record's, and the array is reused) and its Excel
 * row number. The delimiter is detected from the first line unless given.
 */
export class CsvParser {
  private rest = "";
  private row = 0;
  private readonly cells: string[] = [];
  /**
   * Cells the reader uses, by position (null: all). Others within the list are left empty
   * on the fast path instead of being sliced out; cells past its end are always kept.
   */
  wanted: Uint8Array | null = null;
  delimiter: Delimiter | null;
  /** Whether any quote character has been met. */
  quoted = false;

  constructor(
    private readonly onRecord: (cells: readonly string[], count: number, row: number) => void,
    delimiter?: Delimiter,
  ) {
    this.delimiter = delimiter ?? null;
  }

  push(text: string): void {
    this.consume(this.rest.length ? this.rest + text : text, false);
  }

  end(): void {
    if (this.rest.length) this.consume(this.rest, true);
    this.rest = "";
  }

  /** Characters of an unfinished record kept for the next `push`. */
  get pending(): number {
    return this.rest.length;
  }

  /** Rows seen so far (the last row number given out). */
  get rows(): number {
    return this.row;
  }

  private consume(data: string, final: boolean): void {
    let pos = 0;
    const n = data.length;
    if (this.delimiter === null) {
      const nl = data.indexOf("\n");
      if (nl < 0 && !final) {
        this.keep(data, 0);
        return;
      }
      this.delimiter = detectDelimiter(nl < 0 ? data : data.slice(0, nl));
    }
    const delim = this.delimiter;
    const delimCode = delim.charCodeAt(0);
    // Position of the next quote at or after pos; searched again only once passed, so a
    // chunk without quotes is scanned for them once, not once per line.
    let quote = -2;
    while (pos < n) {
      let nl = data.indexOf("\n", pos);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      if (quote !== -1 && quote < pos) {
        quote = data.indexOf('"', pos);
        if (quote >= 0) this.quoted = true;
      }
      if (quote < 0 || quote > nl) {
        let end = nl;
        if (end > pos && data.charCodeAt(end - 1) === 13) end--;
        this.row++;
        let count = 0;
        if (end > pos) {
          // One pass over the line's characters (cheaper than an indexOf per cell).
          const cells = this.cells;
          const w = this.wanted;
          let a = pos;
          for (let k = pos; k <= end; k++) {
            if (k < end && data.charCodeAt(k) !== delimCode) continue;
            cells[count] =
              w === null || count >= w.length || w[count] === 1 ? data.slice(a, k) : "";
            count++;
            a = k + 1;
          }
        }
        this.onRecord(this.cells, count, this.row);
        pos = nl + 1;
        continue;
      }
      const rec = parseRecordSlow(data, pos, delim, final);
      if (rec === null) {
        if (final) throw new CsvError("unclosed-quote", this.row + 1);
        break;
      }
      this.row++;
      this.onRecord(rec.cells, rec.cells.length, this.row);
      pos = rec.next;
    }
    this.keep(data, pos);
    if (final && this.rest.length) throw new CsvError("unclosed-quote", this.row + 1);
  }

  private keep(data: string, pos: number): void {
    this.rest = pos < data.length ? data.slice(pos) : "";
    if (this.rest.length > MAX_RECORD_CHARS) throw new CsvError("too-long", this.row + 1);
  }
}

/**
 * Two things change in Chromium's PDF of the same page from one run to the next: the time it
 * was printed (/CreationDate and /ModDate in the document information), and the ids that a
 * tagged PDF gives its structure elements (`(node00000015)`, Blink's DOM node ids, which
 * depend on what the browser did before: pages printed side by side interleave them). With
 * the dates blanked and the ids renumbered by rank (the smallest becomes 1), the same pages
 * mostly give the same bytes. Not always: Chromium assigns the ids lazily, and two table
 * headers may get theirs in the other order in another run (measured on the sample: 3 of 48
 * PDFs differ in a few id digits between runs; pages and text are always the same). The
 * tags are kept anyway: they make the PDF readable to screen readers.
 *
 * Both edits keep every byte where it was, so the cross-reference table stays valid.
 *
 * Why by rank and not by first appearance: the ID tree lists the ids sorted, with its first
 * and last as /Limits. Within one page, node ids grow in the order the parser made the
 * nodes, mostly; another page printed at the same time shifts them or leaves gaps. Ranks keep
 * the sort order (ids are zero-padded, so string order is numeric order) and do not depend
 * on the gaps; renumbering by first appearance would leave the tree unsorted, differently
 * in each run.
 */

/** `/CreationDate (D:20250731093000+08'00')` and the like, in an uncompressed dictionary. */
const DATE_ENTRY =
  /\/(?:CreationDate|ModDate)\s*\(D:[0-9]{4,14}(?:[Zz]|[+-][0-9]{2}'?(?:[0-9]{2}'?)?)?\)/g;

/** A structure element id as Chromium writes it. */
const NODE_ID = /\(node([0-9]+)\)/g;

/**
 * The PDF with its creation and modification dates overwritten by spaces and its structure
 * ids renumbered 1, 2, 3 … by rank (same width). A PDF with neither is returned as it is.
 */
export function reproduciblePdf(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  let out: Buffer | null = null;
  for (const m of text.matchAll(DATE_ENTRY)) {
    out ??= Buffer.from(pdf);
    out.fill(0x20, m.index, m.index + m[0].length);
  }
  const matches = [...text.matchAll(NODE_ID)];
  const distinct = [...new Set(matches.map((m) => m[1]!))].sort(
    (a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const ids = new Map<string, string>();
  for (const [rank, digits] of distinct.entries()) {
    const renumbered = String(rank + 1).padStart(digits.length, "0");
    // Too many ids for the width: leave the PDF's ids as they are (still valid).
    if (renumbered.length !== digits.length) return out ?? pdf;
    ids.set(digits, renumbered);
  }
  for (const m of matches) {
    const digits = m[1]!;
    const renumbered = ids.get(digits)!;
    if (renumbered !== digits) {
      out ??= Buffer.from(pdf);
      out.write(renumbered, m.index + "(node".length, "latin1");
    }
  }
  return out ?? pdf;
}

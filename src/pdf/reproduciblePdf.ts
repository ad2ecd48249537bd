/**
 * Two things change in Chromium's PDF of the same page from one run to the next: the time it
 * was printed (/CreationDate and /ModDate in the document information), and the ids that a
 * tagged PDF gives its structure elements (`(node00000015)`, Blink's DOM node ids, which
 * depend on what the browser did before). With the dates blanked and the ids renumbered in
 * order of appearance, the same pages give the same bytes, and so does the zip that holds
 * them: a re-run changes no file, and a published file can be checked against a rebuild.
 *
 * Both edits keep every byte where it was, so the cross-reference table stays valid.
 */

/** `/CreationDate (D:20250731093000+08'00')` and the like, in an uncompressed dictionary. */
const DATE_ENTRY =
  /\/(?:CreationDate|ModDate)\s*\(D:[0-9]{4,14}(?:[Zz]|[+-][0-9]{2}'?(?:[0-9]{2}'?)?)?\)/g;

/** A structure element id as Chromium writes it. */
const NODE_ID = /\(node([0-9]+)\)/g;

/**
 * The PDF with its creation and modification dates overwritten by spaces and its structure
 * ids renumbered 1, 2, 3 … in order of first appearance (same width). A PDF with neither is
 * returned as it is.
 */
export function reproduciblePdf(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  let out: Buffer | null = null;
  for (const m of text.matchAll(DATE_ENTRY)) {
    out ??= Buffer.from(pdf);
    out.fill(0x20, m.index, m.index + m[0].length);
  }
  const ids = new Map<string, string>();
  for (const m of text.matchAll(NODE_ID)) {
    const digits = m[1]!;
    let renumbered = ids.get(digits);
    if (renumbered === undefined) {
      renumbered = String(ids.size + 1).padStart(digits.length, "0");
      // Too many ids for the width: leave the PDF's ids as they are (still valid).
      if (renumbered.length !== digits.length) return out ?? pdf;
      ids.set(digits, renumbered);
    }
    if (renumbered !== digits) {
      out ??= Buffer.from(pdf);
      out.write(renumbered, m.index + "(node".length, "latin1");
    }
  }
  return out ?? pdf;
}

/**
 * The text of a PDF as the privacy guard searches it: what its pages show, and the strings a
 * reader sees elsewhere (document properties, XMP metadata, bookmarks, alternative texts read
 * out by screen readers, link targets, notes), plus any files attached to it. Read with pdfjs-dist, loaded only when a PDF is scanned.
 */
import { foldRadicals } from "./foldRadicals.ts";

export interface PdfText {
  /**
   * The pages' text: each page's items joined without a separator (a PDF often stores one
   * glyph per item, so a name is spread over several), pages one after another. A name
   * broken over two lines is whole here.
   */
  pages: string;
  /**
   * The same with a line break at the end of each line and page. Numbers on lines of their
   * own (a chart's value labels: 74, 313, 122 …) stay apart here, where `pages` runs them
   * together into what could look like a phone number.
   */
  lines: string;
  /**
   * Document properties, XMP values, bookmark titles, alternative texts of figures, link
   * targets and annotation texts.
   */
  strings: string[];
  /** Files attached to the PDF, to be scanned as the files they are. */
  attachments: { name: string; content: Uint8Array }[];
  pageCount: number;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;

/** Every string inside a value (objects and arrays walked), for metadata of unknown shape. */
function stringsIn(value: unknown, out: string[], depth = 0): void {
  if (depth > 8 || value === null || value === undefined) return;
  if (typeof value === "string") {
    if (value) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) stringsIn(v, out, depth + 1);
  } else if (typeof value === "object" && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) stringsIn(v, out, depth + 1);
  }
}

/** The alternative texts (`alt` of figures) in a page's structure tree. */
function altTexts(node: unknown, out: string[], depth = 0): void {
  if (depth > 256 || node === null || typeof node !== "object") return;
  const { alt, children } = node as { alt?: unknown; children?: unknown };
  if (typeof alt === "string" && alt) out.push(alt);
  if (Array.isArray(children)) for (const child of children) altTexts(child, out, depth + 1);
}

interface OutlineNode {
  title: string;
  url?: string | null;
  unsafeUrl?: string;
  items: OutlineNode[];
}

function outlineStrings(nodes: readonly OutlineNode[] | null, out: string[], depth = 0): void {
  if (!nodes || depth > 32) return;
  for (const n of nodes) {
    for (const s of [n.title, n.url, n.unsafeUrl]) if (typeof s === "string" && s) out.push(s);
    outlineStrings(n.items, out, depth + 1);
  }
}

/**
 * Reads a PDF's text. Throws when the PDF cannot be read completely (damaged, encrypted, a
 * page whose content cannot be parsed): the caller must treat that as a finding, never as a
 * pass. pdfjs is asked to stop at errors rather than to recover, so that no page is skipped
 * silently.
 */
export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const { getDocument } = await pdfjs;
  // pdfjs may take over the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    stopAtErrors: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  });
  try {
    const doc = await task.promise;
    const strings: string[] = [];
    const meta = await doc.getMetadata();
    stringsIn(meta.info, strings);
    if (meta.metadata) stringsIn([meta.metadata.getRaw(), ...meta.metadata], strings);
    outlineStrings((await doc.getOutline()) as OutlineNode[] | null, strings);
    const parts: string[] = [];
    const lines: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!("str" in item)) continue;
        parts.push(item.str);
        lines.push(item.hasEOL ? `${item.str}\n` : item.str);
      }
      lines.push("\n");
      altTexts(await page.getStructTree(), strings);
      for (const a of await page.getAnnotations()) {
        stringsIn([a.url, a.unsafeUrl, a.contentsObj?.str, a.titleObj?.str, a.fieldValue], strings);
      }
      page.cleanup();
    }
    const attached = (await doc.getAttachments()) as Record<
      string,
      { filename: string; content: Uint8Array }
    > | null;
    const attachments = Object.values(attached ?? {}).map((a) => ({
      name: a.filename,
      content: a.content,
    }));
    return {
      pages: parts.join(""),
      lines: lines.join(""),
      strings,
      attachments,
      pageCount: doc.numPages,
    };
  } finally {
    await task.destroy();
  }
}

/**
 * The texts of a PDF to search, each as extracted and with radicals folded into the
 * ideographs they stand for and NFKC applied (see foldRadicals), duplicates dropped:
 * - `exact`: for the values from the input (names …): the pages run together and by line,
 *   and the document's other strings;
 * - `patterns`: for ID numbers, mobile numbers, dates …: the pages by line (digits of
 *   separate lines must not join up) and the other strings.
 */
export function pdfTextViews(text: PdfText): { exact: string[]; patterns: string[] } {
  const views = (texts: string[]) => {
    const out = new Set<string>();
    for (const s of texts) {
      out.add(s);
      out.add(foldRadicals(s));
    }
    return [...out];
  };
  return {
    exact: views([text.pages, text.lines, ...text.strings]),
    patterns: views([text.lines, ...text.strings]),
  };
}

/**
 * Small, valid PDFs written by hand, for tests that must not need a browser: pages of ASCII
 * text in Helvetica, and of Chinese text in a Type0 font with Identity-H encoding and a
 * ToUnicode map, the way Chromium writes CJK text (the font itself is not embedded: a reader
 * draws boxes, but the text reads back exactly). `written` lets a test put radicals in the
 * ToUnicode map where Chromium does (⻢ for 马).
 */

export interface MinimalPage {
  /** Lines drawn in Helvetica (ASCII only). */
  ascii?: string[];
  /** Lines drawn in the CJK font, one glyph per character. */
  cjk?: string[];
}

export interface MinimalPdfOptions {
  pages: MinimalPage[];
  /** Entries of the document information dictionary, written as literal strings. */
  info?: Record<string, string | Buffer>;
  /** The character that the ToUnicode map gives for a printed character (default: itself). */
  written?: (char: string) => string;
  /** Page size in points (default A4, 595 × 842). */
  size?: [number, number];
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/** UTF-16BE hex of a string, as ToUnicode maps want it. */
function utf16Hex(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += hex4(s.charCodeAt(i));
  return out;
}

/** A PDF literal string: bytes as they are, with \, ( and ) escaped. */
function literal(value: string | Buffer): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "latin1") : value;
  const out: number[] = [0x28];
  for (const b of bytes) {
    if (b === 0x5c || b === 0x28 || b === 0x29) out.push(0x5c);
    out.push(b);
  }
  out.push(0x29);
  return Buffer.from(out);
}

/** A PDF with the given pages, text and document information. */
export function minimalPdf(options: MinimalPdfOptions): Buffer {
  const [width, height] = options.size ?? [595, 842];
  const written = options.written ?? ((c: string) => c);
  // One CID per distinct CJK character, in order of first use.
  const cids = new Map<string, number>();
  for (const page of options.pages) {
    for (const line of page.cjk ?? []) {
      for (const c of line) if (!cids.has(c)) cids.set(c, cids.size + 1);
    }
  }

  const objects: Buffer[] = [];
  const add = (body: string | Buffer): number => {
    objects.push(typeof body === "string" ? Buffer.from(body, "latin1") : body);
    return objects.length;
  };
  const stream = (content: string, dict = "") =>
    Buffer.from(
      `<< /Length ${Buffer.byteLength(content, "latin1")}${dict} >>\nstream\n${content}\nendstream`,
      "latin1",
    );

  const catalog = add(""); // filled in below, once the page tree's number is known
  const pagesObj = add("");
  const helvetica = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const descriptor = add(
    "<< /Type /FontDescriptor /FontName /NotoSansCJKsc-Regular /Flags 4 " +
      "/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  );
  const cidFont = add(
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSansCJKsc-Regular " +
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
      `/FontDescriptor ${descriptor} 0 R /CIDToGIDMap /Identity /DW 1000 >>`,
  );
  const bfchars = [...cids].map(([c, cid]) => `<${hex4(cid)}> <${utf16Hex(written(c))}>`);
  const cmap = [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <FFFF>",
    "endcodespacerange",
    `${bfchars.length} beginbfchar`,
    ...bfchars,
    "endbfchar",
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
  const toUnicode = add(stream(cmap));
  const type0 = add(
    "<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJKsc-Regular /Encoding /Identity-H " +
      `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
  );

  const kids: number[] = [];
  for (const page of options.pages) {
    const ops: string[] = [];
    let y = height - 72;
    for (const line of page.ascii ?? []) {
      const text = line.replace(/[\\()]/g, (c) => `\\${c}`);
      ops.push(`BT /F1 12 Tf 72 ${y} Td (${text}) Tj ET`);
      y -= 18;
    }
    for (const line of page.cjk ?? []) {
      const glyphs = [...line].map((c) => hex4(cids.get(c)!)).join("");
      ops.push(`BT /F2 12 Tf 72 ${y} Td <${glyphs}> Tj ET`);
      y -= 18;
    }
    const content = add(stream(ops.join("\n")));
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${width} ${height}] ` +
          `/Resources << /Font << /F1 ${helvetica} 0 R /F2 ${type0} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[pagesObj - 1] = Buffer.from(
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`,
    "latin1",
  );
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`, "latin1");
  let info = 0;
  if (options.info) {
    const parts: Buffer[] = [Buffer.from("<<")];
    for (const [key, value] of Object.entries(options.info)) {
      parts.push(Buffer.from(` /${key} `, "latin1"), literal(value));
    }
    parts.push(Buffer.from(" >>"));
    info = add(Buffer.concat(parts));
  }

  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, "latin1"),
      body,
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    chunks.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    "xref",
    `0 ${objects.length + 1}`,
    "0000000000 65535 f ",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n `),
    "trailer",
    `<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ""} >>`,
    "startxref",
    String(offset),
    "%%EOF",
    "",
  ].join("\n");
  chunks.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(chunks);
}

/**
 * A small, deterministic .xlsx writer for what the project hands out: the blank templates
 * (drop-down lists, text-formatted id columns, frozen header, an instruction sheet) and the
 * per-year statistics workbook (numbers, percentages, frozen panes, column widths).
 *
 * Written by hand rather than with a library because the files are committed and compared
 * byte for byte (the drift test): libraries stamp the time into the document properties and
 * the zip, and SheetJS Community Edition writes neither drop-down lists nor frozen panes.
 * Same input ⇒ same bytes, in any time zone.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

/** A cell: text, a number, a percentage (a fraction shown as "25.0%"), or empty. */
export type XlsxCell = string | number | { percent: number } | null | undefined;

/** A drop-down list on a column, for the rows `fromRow`…`toRow` (Excel row numbers). */
export interface XlsxListValidation {
  /** 0-based column. */
  col: number;
  values: readonly string[];
  fromRow: number;
  toRow: number;
  /** Shown when a value outside the list is typed. */
  error?: string;
}

export interface XlsxSheet {
  /** Sheet name: at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  rows: readonly (readonly XlsxCell[])[];
  /** Column widths in characters (a Chinese character counts as two). */
  widths?: readonly number[];
  /** Rows and columns kept in view when scrolling. */
  freeze?: { rows: number; cols: number };
  /** Rows (Excel numbers) drawn as a header: bold on a light fill. */
  headerRows?: readonly number[];
  /** 0-based columns whose cells are text ("@"), so that typed ids keep every digit. */
  textColumns?: readonly number[];
  /** Text that wraps inside its cell (an instruction sheet). */
  wrap?: boolean;
  validations?: readonly XlsxListValidation[];
}

export interface XlsxProperties {
  title?: string;
  creator?: string;
}

/** Style indexes into the fixed `cellXfs` below. */
const STYLE = { normal: 0, header: 1, text: 2, percent: 3, wrap: 4, headerText: 5 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF5"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Escapes text for XML, dropping characters XML cannot carry. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function xlsxColumn(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

function cellXml(ref: string, cell: XlsxCell, style: number): string {
  const s = style === 0 ? "" : ` s="${style}"`;
  if (cell === null || cell === undefined || cell === "") return style ? `<c r="${ref}"${s}/>` : "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw new Error(`not a finite number: ${cell}`);
    return `<c r="${ref}"${s}><v>${cell}</v></c>`;
  }
  if (typeof cell === "object") {
    return `<c r="${ref}" s="${STYLE.percent}"><v>${cell.percent}</v></c>`;
  }
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(cell)}</t></is></c>`;
}

function paneXml(freeze: { rows: number; cols: number } | undefined): string {
  if (!freeze || (freeze.rows === 0 && freeze.cols === 0)) return "";
  const { rows, cols } = freeze;
  const topLeft = `${xlsxColumn(cols)}${rows + 1}`;
  const active = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  const split = `${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""}`;
  return `<pane${split} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/><selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
}

function sheetXml(sheet: XlsxSheet, first: boolean): string {
  const text = new Set(sheet.textColumns ?? []);
  const headers = new Set(sheet.headerRows ?? []);
  const width = Math.max(sheet.widths?.length ?? 0, ...sheet.rows.map((r) => r.length), 1);
  const cols: string[] = [];
  for (let c = 0; c < width; c++) {
    const w = sheet.widths?.[c];
    const style = text.has(c) ? STYLE.text : sheet.wrap ? STYLE.wrap : 0;
    if (w === undefined && style === 0) continue;
    cols.push(
      `<col min="${c + 1}" max="${c + 1}" width="${w ?? 10}"${w !== undefined ? ' customWidth="1"' : ""}${style ? ` style="${style}"` : ""}/>`,
    );
  }
  const rows = sheet.rows.map((row, r) => {
    const n = r + 1;
    const cells = row
      .map((cell, c) => {
        const style = headers.has(n)
          ? text.has(c)
            ? STYLE.headerText
            : STYLE.header
          : text.has(c)
            ? STYLE.text
            : sheet.wrap
              ? STYLE.wrap
              : STYLE.normal;
        return cellXml(`${xlsxColumn(c)}${n}`, cell, style);
      })
      .join("");
    return `<row r="${n}">${cells}</row>`;
  });
  const validations = (sheet.validations ?? []).map((v) => {
    const list = `"${v.values.join(",")}"`;
    if (list.length > 257) throw new Error(`drop-down list too long for column ${v.col}`);
    const col = xlsxColumn(v.col);
    const err = v.error
      ? ` errorTitle="${xmlText("取值不在列表中")}" error="${xmlText(v.error)}"`
      : "";
    return `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"${err} sqref="${col}${v.fromRow}:${col}${v.toRow}"><formula1>${xmlText(list)}</formula1></dataValidation>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`,
    `<sheetViews><sheetView${first ? ' tabSelected="1"' : ""} workbookViewId="0">${paneXml(sheet.freeze)}</sheetView></sheetViews>`,
    `<sheetFormatPr defaultRowHeight="15"/>`,
    cols.length ? `<cols>${cols.join("")}</cols>` : "",
    `<sheetData>${rows.join("")}</sheetData>`,
    validations.length
      ? `<dataValidations count="${validations.length}">${validations.join("")}</dataValidations>`
      : "",
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
    `</worksheet>`,
  ].join("");
}

/** Display width in Excel's character units: a CJK (or other non-Latin-1) character counts two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) <= 0xff ? 1 : 2;
  return w;
}

/**
 * Text cut into lines of at most `width` units, preferring a break after Chinese punctuation.
 * Long explanations go one line a row: wrapped cells need row heights that Excel and
 * LibreOffice do not always work out when they open a file, so a cut-off line is avoided.
 */
export function textLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  let lastBreak = -1;
  for (const ch of text) {
    if (textWidth(line + ch) > width && line !== "") {
      const cut = lastBreak > 0 ? lastBreak : line.length;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
      lastBreak = -1;
    }
    line += ch;
    if ("，。；、：）".includes(ch)) lastBreak = line.length;
  }
  if (line !== "") lines.push(line);
  return lines;
}

const SHEET_NAME_INVALID = /[:\\/?*[\]]/;

/** A fixed local time, so that the zip's DOS timestamps are the same in every time zone. */
const FIXED_TIME = new Date(2020, 0, 1, 0, 0, 0);

/** Writes a workbook. Same sheets and properties ⇒ same bytes. */
export function writeXlsx(sheets: readonly XlsxSheet[], props: XlsxProperties = {}): Uint8Array {
  if (sheets.length === 0) throw new Error("a workbook needs a sheet");
  const names = new Set<string>();
  for (const s of sheets) {
    if (s.name.length === 0 || s.name.length > 31 || SHEET_NAME_INVALID.test(s.name))
      throw new Error(`invalid sheet name: ${s.name}`);
    if (names.has(s.name)) throw new Error(`duplicate sheet name: ${s.name}`);
    names.add(s.name);
  }
  const sheetEntries = sheets.map(
    (s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  const rels = sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(
    `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`,
  );
  const xml = (s: string) =>
    strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  const core =
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    (props.title ? `<dc:title>${xmlText(props.title)}</dc:title>` : "") +
    (props.creator ? `<dc:creator>${xmlText(props.creator)}</dc:creator>` : "") +
    `</cp:coreProperties>`;
  const files: Zippable = {
    "[Content_Types].xml": xml(
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join(
          "",
        )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ),
    "_rels/.rels": xml(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ),
    "docProps/core.xml": xml(core),
    "xl/workbook.xml": xml(
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>${sheetEntries.join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": xml(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
    ),
    "xl/styles.xml": strToU8(STYLES),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, i === 0));
  });
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
}

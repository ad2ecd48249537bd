/**
 * The privacy guard: after the pages are written, every output file (HTML, JSON, CSV, SVG,
 * search index, scripts, images, downloads) is scanned for personal data from the input —
 * roster names, 学籍号, ID numbers, mobile numbers, class labels, birth dates, staff names and
 * care notes. Any hit fails the build naming the file. It is the last line of defence: the
 * earlier stages drop and redact these values, the guard checks that they really did.
 *
 * Two kinds of check:
 * - exact values from the input (`Secrets`), found with one matcher over all values at once;
 * - patterns that need no input: 18-digit ID numbers with a valid check character, mobile
 *   numbers, national 学籍号, class labels (一年级(1)班) and full dates next to 出生/生日.
 *   Plain dates are never flagged (activity dates, "更新于 2025-01-10" are published on
 *   purpose), nor school codes (10 digits) or school years (2024-2025).
 *
 * PDFs are searched in the text that their pages show (extracted with pdfjs-dist, radicals
 * folded back into ideographs) as well as in their bytes; a zip is unpacked and each entry
 * searched as the kind of file its name says, reported as `downloads/x.zip!data/a.csv`; an
 * .xlsx or .docx is unpacked the same way (cells, paragraphs, comments, sheet names, alt
 * texts and properties are XML parts; a .docx's paragraphs are also searched with their runs
 * joined) and an .xls is read cell by cell. A PDF, zip or workbook that cannot be read is
 * itself a hit: what cannot be checked is not published.
 *
 * The guard's own output never shows a value in full: hits carry a masked excerpt only.
 */
import { isSearchedName, publicPlaceTest } from "../names.ts";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { strFromU8, unzipSync } from "fflate";
import { pdfTextViews, readPdfText } from "./pdfText.ts";
import { workbookText } from "./xlsText.ts";
import type { ValidatedData } from "../validate/validateData.ts";
import { idCheckChar } from "../validate/values.ts";

/** What a hit is suspected to be. */
export type GuardHitKind =
  | "name"
  | "student-id"
  | "id-number"
  | "mobile"
  | "class"
  | "birth-date"
  | "staff"
  | "care-note"
  | "image-metadata"
  | "unreadable";

export interface GuardHit {
  /**
   * Path relative to the scanned folder, with forward slashes; for an entry of a zip, the
   * zip's path, `!` and the entry's path (`downloads/a.zip!data/2024-2025/enr.csv`).
   */
  file: string;
  kind: GuardHitKind;
  /**
   * The value found, masked (`王＊＊`); for an image's metadata or a file that cannot be read,
   * a sentence saying what is wrong.
   */
  excerpt: string;
}

/**
 * Exact values from the input that must never appear in the output. Dates are ISO
 * (`YYYY-MM-DD`); each is also searched in its other common spellings (2018/3/1, 2018年3月1日,
 * 20180301 …).
 */
export interface Secrets {
  /** Roster names (姓名). */
  names: ReadonlySet<string>;
  /** 学籍号. */
  studentNos: ReadonlySet<string>;
  /** ID numbers (身份证件号). */
  idNumbers: ReadonlySet<string>;
  /** Class labels (班级). */
  classes: ReadonlySet<string>;
  /** Birth dates (出生日期), ISO. */
  birthDates: ReadonlySet<string>;
  /** Staff names (责任人). */
  staff: ReadonlySet<string>;
  /** Care-record notes (备注). */
  careNotes: ReadonlySet<string>;
}

/** Secrets from lists (any field left out is empty). */
export function makeSecrets(lists: Partial<Record<keyof Secrets, Iterable<string>>> = {}): Secrets {
  const set = (values: Iterable<string> | undefined) => new Set(values ?? []);
  return {
    names: set(lists.names),
    studentNos: set(lists.studentNos),
    idNumbers: set(lists.idNumbers),
    classes: set(lists.classes),
    birthDates: set(lists.birthDates),
    staff: set(lists.staff),
    careNotes: set(lists.careNotes),
  };
}

/**
 * The secrets that the validated data still holds.
 *
 * Only the roster names are kept past validation (`ValidatedYear.names`, every year). The
 * other personal fields never get that far, so they cannot be collected here and the guard
 * relies on its patterns for them:
 * - 学籍号: only a salted hash is kept (`KeyTable`) — the 学籍号 pattern covers national ones;
 * - ID numbers, mobile numbers: their columns are dropped at read time (`PERSONAL_HEADERS`) —
 *   the ID-number and mobile patterns cover them;
 * - 出生日期 and 班级: `Student` keeps the age only and no class — the "date next to 出生"
 *   and class-label patterns cover them;
 * - 责任人 and 备注 of care records: `CareRecord` drops both, but the year keeps their texts
 *   (`ValidatedYear.careTexts`) for this guard alone.
 *
 * Names that are part of a place name (school, township, county, region, the site's title or
 * publisher) are not searched for: they are public, and published with the place anyway.
 *
 * Throws when the rows were not kept (`validateData(dir, { keepRows: true })`): without them
 * the names are missing and the guard would pass output that it never checked for names.
 */
export function collectSecrets(data: ValidatedData): Secrets {
  const isPlace = publicPlaceTest(data);
  const names = new Set<string>();
  const staff = new Set<string>();
  const careNotes = new Set<string>();
  for (const year of data.years) {
    const pupils = [...year.enrolment.values()].reduce((a, e) => a + e.pupils, 0);
    if (pupils > 0 && year.students.length === 0) {
      throw new Error(`collectSecrets: rows of ${year.year} were not kept (keepRows: false)`);
    }
    for (const name of year.names) if (isSearchedName(name) && !isPlace(name)) names.add(name);
    for (const name of year.careTexts.staff)
      if (isSearchedName(name) && !isPlace(name)) staff.add(name);
    for (const note of year.careTexts.notes) careNotes.add(note);
  }
  return makeSecrets({ names, staff, careNotes });
}

// ---------- which values are worth searching for ----------

const codePoints = (s: string) => [...s].length;

/*
 * A roster or staff name is searched when it has 2 characters or more and a letter, and is
 * not a placeholder (`isSearchedName`, shared with the redaction). Every such name is
 * searched wherever it occurs, even a 2-character name that could be part of an ordinary
 * word: the published text is redacted with the same
 * names (data contract §6), so a hit means the redaction missed it — safety first. There is
 * no generic way to tell a name from a word; a false hit is fixed by the person who runs the
 * build, a leaked name cannot be taken back.
 */

/**
 * Care notes shorter than this are stock phrases (已家访, 建立留守儿童档案) that the site's
 * own text may use, not a family's story.
 */
const MIN_NOTE_CHARS = 10;
/** Class labels shorter than this ("1班") would hit ordinary text; the class pattern remains. */
const MIN_CLASS_CHARS = 3;
/** The shortest 学籍号 the contract accepts (a school's own id). */
const MIN_STUDENT_NO_CHARS = 6;

/** The spellings of an ISO date that output text might use. */
function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [iso];
  const y = m[1]!;
  const mm = m[2]!;
  const dd = m[3]!;
  const mo = String(Number(mm));
  const d = String(Number(dd));
  return [
    ...new Set([
      `${y}-${mm}-${dd}`,
      `${y}-${mo}-${d}`,
      `${y}/${mm}/${dd}`,
      `${y}/${mo}/${d}`,
      `${y}.${mm}.${dd}`,
      `${y}.${mo}.${d}`,
      `${y}${mm}${dd}`,
      `${y}年${mo}月${d}日`,
      `${y}年${mm}月${dd}日`,
    ]),
  ];
}

// ---------- the matcher for exact values ----------

type SecretKind = Exclude<GuardHitKind, "mobile" | "image-metadata" | "unreadable">;

interface Entry {
  value: string;
  kind: SecretKind;
  /** Only where the neighbours are not ASCII letters or digits (short ASCII values, dates). */
  bounded: boolean;
}

/** Values are looked up by their first KEY_MAX code units (or all of them, when shorter). */
const KEY_MAX = 6;
const FILTER_BITS = 20;

/** A hash of two UTF-16 code units into FILTER_BITS bits. */
function bigram(a: number, b: number): number {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> (32 - FILTER_BITS);
}

const isAsciiAlnum = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Finds every value of a set in a text in one pass. A bitmap of the first two code units of
 * all values rejects almost every position with one array read; at the few positions left,
 * the text's next 2…KEY_MAX code units are looked up in one map per key length, and the
 * values found there are compared in full. The cost grows with the text, not with the number
 * of values (tens of thousands of names are no slower than ten).
 */
class SecretMatcher {
  private readonly filter = new Uint8Array(1 << FILTER_BITS);
  private readonly tables = new Map<number, Map<string, Entry[]>>();
  private readonly keyLengths: number[];

  constructor(entries: readonly Entry[]) {
    for (const e of entries) {
      if (e.value.length < 2) continue;
      this.filter[bigram(e.value.charCodeAt(0), e.value.charCodeAt(1))] = 1;
      const k = Math.min(e.value.length, KEY_MAX);
      let table = this.tables.get(k);
      if (!table) this.tables.set(k, (table = new Map()));
      const key = e.value.slice(0, k);
      const list = table.get(key);
      if (list) list.push(e);
      else table.set(key, [e]);
    }
    this.keyLengths = [...this.tables.keys()].sort((a, b) => a - b);
  }

  get empty(): boolean {
    return this.keyLengths.length === 0;
  }

  scan(text: string, found: (e: Entry) => void): void {
    if (this.empty) return;
    const { filter, tables, keyLengths } = this;
    const n = text.length;
    let next = n > 0 ? text.charCodeAt(0) : 0;
    for (let i = 0; i + 1 < n; i++) {
      const c = next;
      next = text.charCodeAt(i + 1);
      if (filter[bigram(c, next)] === 0) continue;
      for (const k of keyLengths) {
        if (i + k > n) break;
        const list = tables.get(k)!.get(text.slice(i, i + k));
        if (!list) continue;
        for (const e of list) {
          if (!text.startsWith(e.value, i)) continue;
          if (e.bounded && !isBounded(text, i, e.value)) continue;
          found(e);
        }
      }
    }
  }
}

/** An ASCII-edged value must not continue a longer run of letters or digits. */
function isBounded(text: string, at: number, value: string): boolean {
  const end = at + value.length;
  if (isAsciiAlnum(value.charCodeAt(0)) && at > 0 && isAsciiAlnum(text.charCodeAt(at - 1))) {
    return false;
  }
  return !(
    isAsciiAlnum(value.charCodeAt(value.length - 1)) &&
    end < text.length &&
    isAsciiAlnum(text.charCodeAt(end))
  );
}

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

function compile(secrets: Secrets): SecretMatcher {
  const entries = new Map<string, Entry>();
  const add = (value: string, kind: SecretKind) => {
    const bounded = kind === "birth-date" || (isAscii(value) && value.length < 12);
    entries.set(`${kind}\u0000${value}`, { value, kind, bounded });
  };
  for (const v of secrets.names) if (isSearchedName(v)) add(v, "name");
  for (const v of secrets.staff) if (isSearchedName(v)) add(v, "staff");
  for (const v of secrets.studentNos) if (v.length >= MIN_STUDENT_NO_CHARS) add(v, "student-id");
  for (const v of secrets.idNumbers) if (v.length >= 15) add(v, "id-number");
  for (const v of secrets.classes) if (codePoints(v) >= MIN_CLASS_CHARS) add(v, "class");
  for (const v of secrets.careNotes) if (codePoints(v) >= MIN_NOTE_CHARS) add(v, "care-note");
  for (const v of secrets.birthDates) for (const form of dateForms(v)) add(form, "birth-date");
  return new SecretMatcher([...entries.values()]);
}

// ---------- patterns that need no input ----------

/** 17 digits and a check character, not inside a longer run of digits. */
const ID_NUMBER = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g;
/** National 学籍号: G/J/L and an 18-character number (data contract §4). */
const STUDENT_NO = /(?<![A-Za-z0-9])[GJLgjl][0-9]{17}[0-9Xx](?![0-9])/g;
/**
 * Mainland mobile numbers, also as 139-1234-5678 / 139 1234 5678 and after +86. Not inside a
 * longer run of digits, and not the fraction of a decimal number (0.13912345678).
 */
const MOBILE =
  /(?:(?:\+|00)86[- ]?|(?<![0-9]))(?<![0-9]\.)1[3-9][0-9]([- ]?)[0-9]{4}\1[0-9]{4}(?![0-9])(?!\.[0-9])/g;
/** A class label: a grade and a class number, as 一年级(1)班, 七年级（2）班, 初一3班, 五年级二班. */
const CLASS_LABEL =
  /(?:[一二三四五六七八九]年级|[1-9]年级|初[一二三]|高[一二三])[ \t]*[(（]?[ \t]*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[ \t]*[)）]?[ \t]*班/g;
/** A full date with its day (2018-03-01, 2018/3/1, 2018.3.1, 2018年3月1日, 20180301). */
const FULL_DATE = String.raw`(?<![0-9])(?:19|20)[0-9]{2}(?:[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])|年(?:0?[1-9]|1[0-2])月(?:0?[1-9]|[12][0-9]|3[01])日?|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))(?![0-9])`;
/**
 * A full date close after 出生/生日 (a label and a value: "出生日期：2018-03-01",
 * `<th>出生日期</th><td>2018-03-01</td>`), or right before 出生. 出生率 and 出生人口 are
 * statistics words, not a person's birth date. The gap stops at a line break or the end of
 * a sentence, so that a date further on in the text is not taken for a birth date.
 */
const BIRTH_DATE = new RegExp(
  String.raw`(?:出生(?!率|人口|地|数)|生日)[^\n\r。；！？]{0,12}?(${FULL_DATE})|(${FULL_DATE})[ \t]*出生`,
  "g",
);

/** Digits 7–14 of an ID number are the birth date: a real number always has a valid one. */
function isIdNumber(s: string): boolean {
  const check = s[17] === "x" ? "X" : s[17];
  if (idCheckChar(s.slice(0, 17)) !== check) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function scanPatterns(text: string, add: (kind: GuardHitKind, value: string) => void): void {
  // Cheap tests first: most output has no long digit run and no 出生 at all.
  if (/[0-9]{11}/.test(text)) {
    for (const m of text.matchAll(STUDENT_NO)) add("student-id", m[0].toUpperCase());
    for (const m of text.matchAll(ID_NUMBER)) {
      // A national 学籍号 is a letter and the child's ID number: one hit, as a 学籍号.
      const i = m.index;
      const letter = i > 0 && /[GJLgjl]/.test(text[i - 1]!);
      if (letter && (i < 2 || !isAsciiAlnum(text.charCodeAt(i - 2)))) continue;
      if (isIdNumber(m[0])) add("id-number", m[0].toUpperCase());
    }
  }
  if (/[0-9]{3}[- ]?[0-9]{4}[- ]?[0-9]{4}/.test(text)) {
    for (const m of text.matchAll(MOBILE)) add("mobile", m[0]);
  }
  if (text.includes("班")) for (const m of text.matchAll(CLASS_LABEL)) add("class", m[0]);
  if (text.includes("出生") || text.includes("生日")) {
    for (const m of text.matchAll(BIRTH_DATE)) add("birth-date", (m[1] ?? m[2])!);
  }
}

// ---------- decoding files into text ----------

const TEXT_EXTENSIONS = new Set([
  ".html",
  ".htm",
  ".json",
  ".csv",
  ".svg",
  ".txt",
  ".xml",
  ".js",
  ".mjs",
  ".css",
  ".md",
  ".map",
  ".webmanifest",
  ".tsv",
]);
const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]);
/** Binary whatever their first bytes look like (their raw bytes are still searched). */
const BINARY_EXTENSIONS = new Set([
  ".pdf",
  ".zip",
  ".gz",
  ".br",
  ".xlsx",
  ".xls",
  ".docx",
  ".woff",
  ".woff2",
  ".ttf",
  ".otf",
  ".ico",
  ".wasm",
]);

const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const utf8Lossy = new TextDecoder("utf-8");
const gb18030 = new TextDecoder("gb18030");

const hasNul = (bytes: Uint8Array) => bytes.subarray(0, 8192).includes(0);

/**
 * The texts to search in a file's bytes.
 * - Text: UTF-8 (a BOM dropped); UTF-16 with a BOM; a text file that is not valid UTF-8 is
 *   searched both as UTF-8 and as GB18030 (downloads made for Chinese Excel).
 * - Binary (images, PDF, zip, fonts): the bytes as lossy UTF-8, which finds UTF-8 text such
 *   as XMP or EXIF written by libvips. Lossy UTF-8 keeps every ASCII byte, so the numeric
 *   patterns see exactly what a latin1 reading would show. Binary is never read as GB18030 or
 *   UTF-16: nearly any byte pair is a CJK character there, and compressed data would "contain"
 *   2-character names by chance. Compressed streams are not unpacked here: PDFs and zips
 *   are opened by `scanBytes` and their text and entries searched as well.
 */
function textViews(bytes: Buffer, binary: boolean, knownText: boolean): string[] {
  if (binary) return [utf8Lossy.decode(bytes)];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return [new TextDecoder("utf-16le").decode(bytes)];
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return [new TextDecoder("utf-16be").decode(bytes)];
  if (hasNul(bytes)) return [utf8Lossy.decode(bytes)];
  try {
    return [utf8Strict.decode(bytes)];
  } catch {
    return knownText ? [utf8Lossy.decode(bytes), gb18030.decode(bytes)] : [utf8Lossy.decode(bytes)];
  }
}

const ESCAPE = /\\u[0-9a-fA-F]{4}|&#[xX][0-9a-fA-F]{1,6};|&#[0-9]{1,7};|(?:%[0-9a-fA-F]{2})+/g;

/**
 * The text with JSON/JS `\uXXXX` escapes, HTML character references and URL %-escapes
 * decoded, or null when it has none: a name is still a name written as `\u738b\u82b3`.
 */
function unescaped(text: string): string | null {
  if (!/\\u[0-9a-fA-F]{4}|&#|%[0-9a-fA-F]{2}/.test(text)) return null;
  const decoded = text.replace(ESCAPE, (m) => {
    if (m.startsWith("\\u")) return String.fromCharCode(parseInt(m.slice(2), 16));
    if (m.startsWith("&#")) {
      const hex = m[2] === "x" || m[2] === "X";
      const cp = hex ? parseInt(m.slice(3, -1), 16) : parseInt(m.slice(2, -1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return utf8Lossy.decode(Buffer.from(m.replace(/%/g, ""), "hex"));
  });
  return decoded === text ? null : decoded;
}

/**
 * Metadata blocks of an image that must be stripped before publishing, whatever they hold:
 * EXIF (time, GPS position, camera owner), XMP and IPTC (captions, names), ICC profiles (they
 * carry free text too) and PNG text chunks. Photos written by sharp without `withMetadata`
 * have none of them.
 */
async function imageMetadata(bytes: Buffer): Promise<string | null> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    return "无法读取这张图片，不能确认其中没有元数据（EXIF 等），请重新导出或删除";
  }
  const blocks = [
    meta.exif && "EXIF",
    meta.xmp && "XMP",
    meta.iptc && "IPTC",
    meta.icc && "ICC",
    meta.tifftagPhotoshop && "Photoshop",
    meta.comments && meta.comments.length > 0 && "文字注释",
  ].filter((b): b is string => typeof b === "string");
  return blocks.length > 0 ? `图片带有元数据（${blocks.join("、")}），发布前必须清除` : null;
}

// ---------- scanning a folder ----------

/**
 * Masks a found value for the build log: the first character and ＊＊ (`王＊＊`); ASCII
 * numbers of 8 characters or more keep their first three (`139＊＊＊＊`). Never the whole value.
 */
export function maskValue(value: string): string {
  const chars = [...value];
  if (chars.length >= 8 && isAscii(value)) return `${chars.slice(0, 3).join("")}＊＊＊＊`;
  return `${chars[0] ?? ""}＊＊`;
}

/** Every file under a folder (relative, forward slashes, sorted); links to folders are followed once. */
async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = async (rel: string): Promise<void> => {
    const abs = rel ? path.join(root, ...rel.split("/")) : root;
    const real = await realpath(abs);
    if (seen.has(real)) return;
    seen.add(real);
    for (const e of await readdir(abs, { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) files.push(child);
      else if (e.isSymbolicLink()) {
        const target = await stat(path.join(abs, e.name)).catch(() => null);
        if (target?.isDirectory()) await walk(child);
        else if (target?.isFile()) files.push(child);
      }
    }
  };
  await walk("");
  return files.sort();
}

/** Zips inside zips (or files attached to a PDF) are unpacked this many levels deep. */
const MAX_NESTING = 3;
/** A zip that would unpack to more than this is not unpacked (and is reported). */
const MAX_UNZIPPED_BYTES = 1 << 30;

/** A found value or a problem, recorded once per kind and value. */
type AddHit = (kind: GuardHitKind, value: string, excerpt?: string) => void;

interface ScanWhat {
  /** Also search the texts with JSON, HTML and URL escapes decoded. */
  escapes: boolean;
  /** Search for the values from the input (default true). */
  secrets?: boolean;
  /** Search for the patterns: ID numbers, mobile numbers … (default true). */
  patterns?: boolean;
}

function scanTexts(
  texts: Iterable<string>,
  matcher: SecretMatcher,
  add: AddHit,
  { escapes, secrets = true, patterns = true }: ScanWhat,
) {
  for (const view of texts) {
    const decoded = escapes ? unescaped(view) : null;
    for (const text of decoded === null ? [view] : [view, decoded]) {
      if (secrets) matcher.scan(text, (e) => add(e.kind, e.value));
      if (patterns) scanPatterns(text, add);
    }
  }
}

/** The text of a Word XML part, one line per paragraph, runs joined, XML entities decoded. */
export function wordParagraphs(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1]!)
        .join("")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&"),
    )
    .filter((t) => t !== "")
    .join("\n");
}

/** The entries of a zip (not its folders), or a sentence saying why it cannot be read. */
function zipEntries(bytes: Uint8Array): Record<string, Uint8Array> | string {
  let total = 0;
  try {
    // Sizes are known from the directory before anything is unpacked.
    const entries = unzipSync(bytes, {
      filter: (f) => (total += f.originalSize) <= MAX_UNZIPPED_BYTES,
    });
    if (total > MAX_UNZIPPED_BYTES) return "压缩包解开后过大，无法检查，不能确认其中没有个人信息";
    return Object.fromEntries(Object.entries(entries).filter(([name]) => !name.endsWith("/")));
  } catch {
    return "无法打开这个压缩包（已损坏、加密或不是 zip），不能确认其中没有个人信息";
  }
}

/**
 * The hits in one file's bytes. `file` names it in the hits, and its extension says what kind
 * of file it is. Zips and files attached to PDFs are scanned entry by entry, `depth` levels
 * deep.
 */
async function scanBytes(
  file: string,
  bytes: Buffer,
  matcher: SecretMatcher,
  depth = 0,
): Promise<GuardHit[]> {
  const ext = path.posix.extname(file).toLowerCase();
  const hits: GuardHit[] = [];
  const seen = new Set<string>();
  const add: AddHit = (kind, value, excerpt = maskValue(value)) => {
    const key = `${kind}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push({ file, kind, excerpt });
  };
  const image = IMAGE_EXTENSIONS.has(ext);
  if (image) {
    const found = await imageMetadata(bytes);
    if (found) add("image-metadata", "", found);
  }
  const binary = image || BINARY_EXTENSIONS.has(ext);
  scanTexts(textViews(bytes, binary, TEXT_EXTENSIONS.has(ext)), matcher, add, { escapes: !binary });

  const inner: { name: string; content: Uint8Array }[] = [];
  if (ext === ".pdf") {
    try {
      const text = await readPdfText(bytes);
      const views = pdfTextViews(text);
      scanTexts(views.exact, matcher, add, { escapes: true, patterns: false });
      scanTexts(views.patterns, matcher, add, { escapes: true, secrets: false });
      inner.push(...text.attachments);
    } catch {
      // Damaged, encrypted or not a PDF at all: either way its text cannot be checked.
      add(
        "unreadable",
        "",
        "无法读取这个 PDF 文件（已损坏、加密或不是 PDF），不能确认其中没有个人信息",
      );
    }
  } else if (ext === ".zip" || ext === ".xlsx" || ext === ".xlsm" || ext === ".docx") {
    // An .xlsx or .docx is a zip of XML parts: every cell, paragraph, comment, sheet name,
    // picture's alternative text and document property is in one of them, and each is
    // searched as text.
    const entries = zipEntries(bytes);
    if (typeof entries === "string") add("unreadable", "", entries);
    else {
      for (const [name, content] of Object.entries(entries)) {
        inner.push({ name, content });
        // Word may split a paragraph's text over several runs (王 | 小明): each paragraph is
        // also searched as the text a reader sees.
        if (ext === ".docx" && /^word\/.+\.xml$/.test(name)) {
          scanTexts([wordParagraphs(strFromU8(content))], matcher, add, { escapes: true });
        }
      }
    }
  } else if (ext === ".xls") {
    try {
      scanTexts([workbookText(bytes)], matcher, add, { escapes: false });
    } catch {
      add("unreadable", "", "无法读取这个 Excel 工作簿（已损坏或加密），不能确认其中没有个人信息");
    }
  }
  if (inner.length > 0 && depth >= MAX_NESTING) {
    add("unreadable", "", "文件层层嵌套过深（压缩包或附件里还有压缩包），无法检查");
    return hits;
  }
  for (const { name, content } of inner) {
    const child = `${file}!${name.replace(/\\/g, "/")}`;
    const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    hits.push(...(await scanBytes(child, buffer, matcher, depth + 1)));
  }
  return hits;
}

async function scanFile(root: string, file: string, matcher: SecretMatcher): Promise<GuardHit[]> {
  return scanBytes(file, await readFile(path.join(root, ...file.split("/"))), matcher);
}

/** Files scanned at the same time (reading overlaps with searching). */
const CONCURRENCY = 4;

/**
 * Scans every file under `dir` for the secrets and the patterns. Returns the hits, sorted by
 * file; one hit per distinct value and kind in a file. An empty list means the folder passed.
 */
export async function scanOutput(dir: string, secrets: Secrets): Promise<GuardHit[]> {
  const matcher = compile(secrets);
  const files = await listFiles(dir);
  const results: GuardHit[][] = new Array(files.length);
  let next = 0;
  const work = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await scanFile(dir, files[i]!, matcher);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, work));
  return results.flat();
}

// ---------- the build log ----------

const KIND_LABEL: Record<Exclude<GuardHitKind, "image-metadata" | "unreadable">, string> = {
  name: "学生姓名",
  "student-id": "学籍号",
  "id-number": "身份证号",
  mobile: "手机号",
  class: "班级",
  "birth-date": "出生日期",
  staff: "责任人姓名",
  "care-note": "关爱记录备注",
};

/** Lines listed before the rest are only counted. */
export const MAX_LISTED_HITS = 50;

/**
 * The hits as lines for the build log, one per hit, at most MAX_LISTED_HITS and then the
 * number of the rest. `root` is put before each path (e.g. "dist"). Empty when there is no hit.
 */
export function formatHits(hits: readonly GuardHit[], root = ""): string {
  const prefix = root ? `${root.replace(/[\\/]+$/, "").replace(/\\/g, "/")}/` : "";
  const lines = hits.slice(0, MAX_LISTED_HITS).map((h) => {
    const where = `[隐私检查] ${prefix}${h.file}：`;
    if (h.kind === "image-metadata" || h.kind === "unreadable") return `${where}${h.excerpt}`;
    return `${where}发现疑似${KIND_LABEL[h.kind]}「${h.excerpt}」`;
  });
  const rest = hits.length - MAX_LISTED_HITS;
  if (rest > 0) lines.push(`[隐私检查] 另有 ${rest} 处疑似泄露未列出（共 ${hits.length} 处）`);
  return lines.join("\n");
}

/**
 * Redaction of published free text (data contract §6): an activity's title and summary are
 * published, so any roster name of that school year, any national 学籍号, 18-digit ID number
 * or mainland mobile number in them is replaced before publishing — names by “某同学”, numbers
 * by “＊＊＊” — and each redacted field is reported as a warning naming file, row and column.
 *
 * Matching rules (safety first: a false hit costs a word, a leaked name cannot be taken back):
 * - Names are matched wherever they occur, also inside a longer CJK word: 张伟 is replaced in
 *   “张伟大” too (there is no generic way to tell a name from a word), and ASCII letters match
 *   regardless of case. Only names of 2 characters or more with a letter are searched, and not
 *   the placeholders schools write in an empty name cell (无, 不详 …) — the same names the
 *   privacy guard searches for.
 * - 学籍号: G/J/L and 18 characters (17 digits and a digit or X), not after a letter or digit.
 * - ID numbers: any 17 digits and a digit or X not inside a longer run of digits, whether the
 *   check character is valid or not; also written in groups as 410102 20180301 1234.
 * - Mobile numbers: 1[3-9] and 9 more digits, also written as 138 1234 5678 or 138-1234-5678
 *   and after +86, 0086 or (+86); not inside a longer run of digits.
 * - The text is matched in its NFKC form with ASCII lower-cased (full-width digits, U+3000 …),
 *   but everything that is not replaced is published exactly as written.
 * - Overlapping matches are replaced together as one span (王小 and 小明 in 王小明 leave
 *   nothing behind); the longest match names the span's kind, so a name 王小明 beats 王小
 *   and a 学籍号 beats the ID number inside it.
 * - Text that is already a replacement (某同学, ＊＊＊) is never matched into: redacting twice
 *   changes nothing.
 *
 * Not covered: a school's own 学籍号 (6–20 letters and digits, indistinguishable from other
 * codes), 15-digit first-generation ID numbers, and names written with spaces between their
 * characters. The privacy guard still checks the output afterwards.
 */
import { isSearchedName } from "../names.ts";
import { COLUMNS } from "../read/headers.ts";
import type { ProblemSink } from "../problems.ts";
import type { Located } from "../validate/validateYear.ts";

/** What a redacted span was. */
export type RedactionKind = "name" | "studentNo" | "idNumber" | "mobile";

/** One replaced span of a text. */
export interface Redaction {
  kind: RedactionKind;
  /** The value, masked (`王＊＊`, `138＊＊＊＊`): never the full value. */
  excerpt: string;
}

export interface RedactedText {
  /** The text with every match replaced; the input itself when nothing was found. */
  text: string;
  /** The replaced spans, in text order. */
  redactions: Redaction[];
}

/** What a roster name is replaced by. */
export const NAME_REPLACEMENT = "某同学";
/** What a 学籍号, ID number or mobile number is replaced by. */
export const NUMBER_REPLACEMENT = "＊＊＊";

// ---------- folding: matching on NFKC, lower-cased ASCII ----------

/**
 * A character NFKC may change: anything but ASCII, CJK unified ideographs and common CJK
 * punctuation (the reader's own fast test, `normalizeCell`).
 */
const NFKC_UNSTABLE =
  /[^\t\n\r -\u007f\u4e00-\u9fff\u3001\u3002\u300a-\u300f\u2014\u2018\u2019\u201c\u201d]/;

const lowerAscii = (s: string) =>
  /[A-Z]/.test(s) ? s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)) : s;

/** A text as matched, with the span of the original text each of its code units came from. */
interface Folded {
  text: string;
  /** Original start and end of folded code unit k; null when they are k and k + 1. */
  starts: number[] | null;
  ends: number[] | null;
}

/** NFKC character by character (so that each piece maps back), then ASCII lower case. */
function fold(text: string): Folded {
  if (!NFKC_UNSTABLE.test(text)) return { text: lowerAscii(text), starts: null, ends: null };
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    const width = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    const f = lowerAscii(NFKC_UNSTABLE.test(ch) ? ch.normalize("NFKC") : ch);
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    out += f;
    i += width;
  }
  return { text: out, starts, ends };
}

const originalStart = (f: Folded, k: number) => (f.starts ? f.starts[k]! : k);
/** Original end of a span of folded code units ending before `end` (exclusive). */
const originalEnd = (f: Folded, end: number) => (f.ends ? f.ends[end - 1]! : end);

// ---------- roster names ----------

/**
 * The roster names of one school year, compiled for matching: build it once per year with
 * `buildNameMatcher` and pass it to every `redactText` of that year. Names are keyed by their
 * first two code units, longest first under each key, so a text is scanned in one pass
 * whatever the number of names.
 */
export class RosterNames {
  private readonly byBigram = new Map<number, string[]>();
  /** How many distinct names are searched for. */
  readonly size: number;

  /** Use `buildNameMatcher`. */
  constructor(names: Iterable<string>) {
    const folded = new Set<string>();
    for (const raw of names) {
      const name = raw.trim();
      if (!isSearchedName(name)) continue;
      const f = fold(name).text;
      if (f.length >= 2) folded.add(f);
    }
    for (const name of folded) {
      const key = name.charCodeAt(0) * 0x10000 + name.charCodeAt(1);
      const list = this.byBigram.get(key);
      if (list) list.push(name);
      else this.byBigram.set(key, [name]);
    }
    for (const list of this.byBigram.values()) list.sort((a, b) => b.length - a.length);
    this.size = folded.size;
  }

  /** The (folded) names starting with these two code units, longest first. */
  candidates(c0: number, c1: number): readonly string[] | undefined {
    return this.byBigram.get(c0 * 0x10000 + c1);
  }
}

/** Compiles the roster names of one school year for `redactText` (see `RosterNames`). */
export function buildNameMatcher(names: Iterable<string>): RosterNames {
  return new RosterNames(names);
}

// ---------- numbers ----------

// Patterns run on the folded text: ASCII digits, lower-case letters, separators " " and "-".
/** National 学籍号: G/J/L, 17 digits and a digit or X; not after a letter or digit. */
const STUDENT_NO = /(?<![a-z0-9])[gjl][0-9]{17}[0-9x](?![0-9])/g;
/** 17 digits and a digit or X (check character not checked), plain or as 6-8-4 groups. */
const ID_NUMBER = /(?<![0-9])(?:[0-9]{17}[0-9x]|[0-9]{6}([ -])[0-9]{8}\1[0-9]{3}[0-9x])(?![0-9])/g;
/** Mainland mobile numbers, 3-4-4 groups optionally separated, optionally after +86. */
const MOBILE =
  /(?:(?:\+|00)86[ -]?|\(\+?86\)[ -]?|(?<![0-9]))1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])/g;

const NUMBER_PATTERNS: readonly [RegExp, RedactionKind][] = [
  [STUDENT_NO, "studentNo"],
  [ID_NUMBER, "idNumber"],
  [MOBILE, "mobile"],
];

/** Replacements already in a text: never matched into. */
const REPLACED = /某同学|＊＊＊/g;

// ---------- masking ----------

/**
 * A masked excerpt for the build report, in the privacy guard's style: a name keeps its first
 * character (`王＊＊`), a number its first three characters (`138＊＊＊＊`, `G41＊＊＊＊`).
 */
function maskExcerpt(kind: RedactionKind, value: string): string {
  if (kind === "name") return `${[...value][0] ?? ""}＊＊`;
  let compact = fold(value).text.replace(/[^0-9a-z]/g, "");
  if (kind === "mobile") compact = compact.slice(-11); // without +86 / 0086
  return `${compact.slice(0, 3).toUpperCase()}＊＊＊＊`;
}

// ---------- redaction ----------

interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}

/** Matches of roster names, in original coordinates, none overlapping a replacement. */
function nameSpans(
  text: string,
  f: Folded,
  names: RosterNames,
  protectedSpans: readonly Span[],
  out: Span[],
): void {
  const t = f.text;
  const n = t.length;
  let p = 0;
  for (let i = 0; i + 1 < n; i++) {
    const list = names.candidates(t.charCodeAt(i), t.charCodeAt(i + 1));
    if (!list) continue;
    const start = originalStart(f, i);
    while (p < protectedSpans.length && protectedSpans[p]!.end <= start) p++;
    const next = protectedSpans[p];
    if (next && next.start <= start) continue; // inside a replacement
    const limit = next ? next.start : text.length;
    for (const name of list) {
      if (i + name.length > n || !t.startsWith(name, i)) continue;
      const end = originalEnd(f, i + name.length);
      if (end > limit) continue; // would reach into a replacement
      out.push({ start, end, kind: "name" });
      break; // the longest name at this position
    }
  }
}

/**
 * Replaces roster names by “某同学” and 学籍号, ID numbers and mobile numbers by “＊＊＊”
 * (the rules are at the top of this file). `names` are the roster names of the text's school
 * year, compiled once with `buildNameMatcher`.
 */
export function redactText(text: string, names: RosterNames): RedactedText {
  const mayHaveNumber = /[0-9\uff10-\uff19]{3}/.test(text) || NFKC_UNSTABLE.test(text);
  if (names.size === 0 && !mayHaveNumber) return { text, redactions: [] };
  const f = fold(text);
  const spans: Span[] = [];
  if (/[0-9]{3}/.test(f.text)) {
    for (const [pattern, kind] of NUMBER_PATTERNS) {
      for (const m of f.text.matchAll(pattern)) {
        const start = originalStart(f, m.index);
        spans.push({ start, end: originalEnd(f, m.index + m[0].length), kind });
      }
    }
  }
  if (names.size > 0) {
    const replaced = [...text.matchAll(REPLACED)].map((m): Span => ({
      start: m.index,
      end: m.index + m[0].length,
      kind: "name",
    }));
    nameSpans(text, f, names, replaced, spans);
  }
  if (spans.length === 0) return { text, redactions: [] };

  // Overlapping spans become one, named by its longest member.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: { start: number; end: number; longest: Span }[] = [];
  for (const s of spans) {
    const last = groups.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (s.end - s.start > last.longest.end - last.longest.start) last.longest = s;
    } else {
      groups.push({ start: s.start, end: s.end, longest: s });
    }
  }
  let out = "";
  let at = 0;
  const redactions: Redaction[] = [];
  for (const g of groups) {
    const { kind } = g.longest;
    out += text.slice(at, g.start) + (kind === "name" ? NAME_REPLACEMENT : NUMBER_REPLACEMENT);
    at = g.end;
    redactions.push({
      kind,
      excerpt: maskExcerpt(kind, text.slice(g.longest.start, g.longest.end)),
    });
  }
  return { text: out + text.slice(at), redactions };
}

// ---------- activities ----------

/** The published text fields of an activity row, with where the row is. */
export interface ActivityText extends Located {
  title: string;
  summary?: string | undefined;
}

/** The redacted text field of a social-support row (内容), with where the row is. */
export interface SocialText extends Located {
  items: string;
}

const header = (kind: "activities" | "social", key: string) =>
  COLUMNS[kind].find((c) => c.key === key)!.header;
/** Canonical headers of the redacted columns (活动名称, 简介, 内容), as named in the warnings. */
const TITLE_HEADER = header("activities", "title");
const SUMMARY_HEADER = header("activities", "summary");
const ITEMS_HEADER = header("social", "items");

const KIND_LABEL: Record<RedactionKind, string> = {
  name: "学生姓名",
  studentNo: "学籍号",
  idNumber: "身份证件号",
  mobile: "手机号",
};

/** Masked values listed in one warning before the rest are only counted. */
const MAX_LISTED_REDACTIONS = 5;

/** The redactions of one cell as the warning quotes them: 学生姓名“王＊＊”、手机号“138＊＊＊＊”. */
function describe(redactions: readonly Redaction[]): string {
  const listed = redactions
    .slice(0, MAX_LISTED_REDACTIONS)
    .map((r) => `${KIND_LABEL[r.kind]}“${r.excerpt}”`)
    .join("、");
  return redactions.length > MAX_LISTED_REDACTIONS ? `${listed}等` : listed;
}

/** Redacts one cell, reporting a W_TEXT_REDACTED warning at its row and column when it changed. */
function cellRedactor(names: RosterNames | Iterable<string>, problems: ProblemSink) {
  const matcher = names instanceof RosterNames ? names : buildNameMatcher(names);
  return (where: Located, value: string, column: string): string => {
    const r = redactText(value, matcher);
    if (r.redactions.length > 0) {
      problems.report("W_TEXT_REDACTED", where.file, where.row, column, {
        value: describe(r.redactions),
        count: r.redactions.length,
      });
    }
    return r.text;
  };
}

/**
 * Redacts the title and summary of each activity with the roster names of the activities'
 * school year (a compiled `RosterNames`, or the names themselves — then compiled once here),
 * reporting one W_TEXT_REDACTED warning per redacted cell at its file, row and column, quoting
 * masked values only. Returns the rows with redacted texts (unchanged rows as they were); the
 * input rows are not modified.
 */
export function redactActivities<T extends ActivityText>(
  activities: readonly T[],
  names: RosterNames | Iterable<string>,
  problems: ProblemSink,
): T[] {
  const redactCell = cellRedactor(names, problems);
  return activities.map((a) => {
    const title = redactCell(a, a.title, TITLE_HEADER);
    const summary = a.summary === undefined ? undefined : redactCell(a, a.summary, SUMMARY_HEADER);
    if (title === a.title && summary === a.summary) return a;
    return { ...a, title, ...(summary === undefined ? {} : { summary }) };
  });
}

/**
 * Redacts the items (内容) of each social-support row as `redactActivities` does: a pupil named
 * in what was given ("为某某同学送去轮椅") must not be published. Donors are organisations and
 * public (the privacy guard still checks every published file for roster names).
 */
export function redactSocial<T extends SocialText>(
  rows: readonly T[],
  names: RosterNames | Iterable<string>,
  problems: ProblemSink,
): T[] {
  const redactCell = cellRedactor(names, problems);
  return rows.map((r) => {
    const items = redactCell(r, r.items, ITEMS_HEADER);
    return items === r.items ? r : { ...r, items };
  });
}

/**
 * Redacts one paragraph of a bureau's 下一步工作 text, reporting W_SUMMARY_TEXT_REDACTED at the
 * file, naming the paragraph, when it changed. The summary is published: a bureau that
 * names a pupil ("对王小明同学重点帮扶") must not publish the name.
 */
export function redactSummaryText(
  text: string,
  names: RosterNames,
  problems: ProblemSink,
  file: string,
  paragraph: number,
): string {
  const r = redactText(text, names);
  if (r.redactions.length > 0) {
    // A text file has paragraphs, not rows: the paragraph is named in the quoted value.
    problems.report("W_SUMMARY_TEXT_REDACTED", file, null, null, {
      value: `第 ${paragraph} 段：${describe(r.redactions)}`,
      count: r.redactions.length,
    });
  }
  return r.text;
}

// ---------- HTML ----------

/** Escapes text for non-Astro outputs (Astro escapes at render time). */
export { escapeHtml } from "../escapeHtml.ts";

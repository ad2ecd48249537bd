/**
 * The narrative of the annual summary: sentences in the style of the work reports bureaus
 * write by hand ("2024-2025学年，全县共有在校学生12,345人，其中……"), built from published
 * (protected) figures only. Pure functions: a `YearView` in, strings out.
 *
 * What a sentence may say (this is data about minors):
 * - only published counts and plain values, published percentages and bands, and the
 *   published year-on-year changes of `view.year.changes`; never a number computed here
 *   (no sums, differences or own percentages: a derived number could reveal a suppressed one);
 * - a suppressed count is "少于k人" when its whole published interval lies below k, and is
 *   otherwise left out (the headline count alone says "依规不予公布"); a band is "不低于X%" /
 *   "不高于X%"; a suppressed or not-applicable percentage is left out;
 * - a true zero is said in words ("没有……"), a not-collected value as "未报送", never as zero;
 * - a clause with nothing to say is dropped, and a sentence without clauses is dropped whole
 *   (its generator returns null).
 *
 * Naming the area (from shared/reference/work-reports.txt): the reports speak of their own
 * area collectively — "全县1753名教师", "全县各校", "全校" — and of others by name. So the
 * region, which the publishing bureau speaks for, is "全县" / "全区" / "全市" … (from the
 * last character of its name) in every sentence. A 区县, 乡镇 or school is named in full in
 * the opening sentence ("白鹤镇中心小学共有在校学生848人") and collectively after it: "全县",
 * "全镇", "全乡", "全街道", "全校" ("全园" for a kindergarten). A name with no recognised
 * ending is used as it is, everywhere.
 */
import { DEFINITION_LABELS, type DefinitionId } from "../pipeline/measure/definitions.ts";
import type {
  PublishedChange,
  PublishedRatio,
  PublishedRow,
  PublishedUnit,
  PublishedValue,
} from "../pipeline/publish/publishable.ts";
import {
  CARE_TYPES,
  normsOf,
  type CareType,
  type NormFrequency,
  type SiteConfig,
} from "../pipeline/validate/siteConfig.ts";
import { formatCount, formatPercent, formatYuan, showChange } from "./format.ts";
import type { YearView } from "./siteData.ts";

/** Everything the narrative of one unit in one year is made from. */
export interface NarrativeInput {
  view: YearView;
  /** Unit id: "region", "c:<区县>", "t:<区县>/<乡镇>" or a 学校标识码. */
  unit: string;
  /** Definition of the headline figures (site.json `defaultDefinition`). */
  def: DefinitionId;
  /** Definition the coverage rates are computed on (site.json `coverageDefinition`). */
  coverageDef: DefinitionId;
  k: number;
  kSensitive: number;
  /** Care norms with the defaults filled in. */
  norms: Record<CareType, NormFrequency>;
  /** Where the data comes from (site.json `source`). */
  source: string;
}

/** Which section of the summary: the four of a work report, then the notes. */
export type SectionId = "basic" | "work" | "issues" | "next" | "notes";

/**
 * A section of the summary: a heading and its paragraphs, each a run of sentences. The four
 * sections of a work report are numbered 一 to 四 (`numbered`); the notes on definitions are
 * not.
 */
export interface NarrativeSection {
  id: SectionId;
  heading: string;
  numbered: boolean;
  paragraphs: string[];
}

/** The narrative input of a unit from the site settings. */
export function narrativeInput(config: SiteConfig, view: YearView, unit: string): NarrativeInput {
  return {
    view,
    unit,
    def: config.defaultDefinition,
    coverageDef: config.coverageDefinition,
    k: config.k,
    kSensitive: config.kSensitive,
    norms: normsOf(config),
    source: config.source,
  };
}

// ---------- naming ----------

/**
 * "2024-2025" → "2024-2025学年": one way of writing a school year on every page, summary,
 * PDF and file name (docs/style-words.md).
 */
export function schoolYearLabel(year: string): string {
  return `${year}学年`;
}

const COLLECTIVE_ENDINGS = ["街道", "县", "区", "市", "州", "旗", "盟", "镇", "乡"];

/**
 * How sentences name a unit: `first` in the opening sentence, `again` after it (see the
 * decision at the top of this file).
 */
export function areaNames(unit: PublishedUnit): { first: string; again: string } {
  let collective: string | undefined;
  if (unit.level === 0) collective = unit.name.endsWith("幼儿园") ? "全园" : "全校";
  else {
    const ending = COLLECTIVE_ENDINGS.find((e) => unit.name.endsWith(e));
    if (ending) collective = `全${ending}`;
  }
  const again = collective ?? unit.name;
  return { first: unit.level === 3 ? again : unit.name, again };
}

// ---------- what may be said of a figure ----------

/** What a sentence may say of a count or plain value. */
export type Said =
  | { kind: "value"; n: number }
  /** Suppressed, and its whole interval lies below k. */
  | { kind: "fewer" }
  | { kind: "zero" }
  | { kind: "notCollected" }
  /** Suppressed with an interval reaching k, not applicable, or no such row. */
  | { kind: "unsaid" };

export function said(v: PublishedValue | undefined, k: number): Said {
  if (!v) return { kind: "unsaid" };
  if (v.kind === "notCollected") return { kind: "notCollected" };
  if (v.kind === "plain" || v.status === "published") {
    return v.value === 0 ? { kind: "zero" } : { kind: "value", n: v.value };
  }
  if (v.status === "zero") return { kind: "zero" };
  const hi = v.interval[1];
  // JSON has no Infinity: an open interval may arrive as null.
  return typeof hi === "number" && Number.isFinite(hi) && hi < k
    ? { kind: "fewer" }
    : { kind: "unsaid" };
}

/** "1,907人", "少于5人", or null when the count may not be stated as a number. */
export function amount(s: Said, k: number, unit: string): string | null {
  if (s.kind === "value") return `${formatCount(s.n)}${unit}`;
  if (s.kind === "fewer") return `少于${k}${unit}`;
  return null;
}

/** A published percentage ("20.6%") or band ("不低于75%"), as published; null otherwise. */
export function percent(r: PublishedRatio | undefined): { text: string; band: boolean } | null {
  if (r?.status === "published") return { text: formatPercent(r.percent), band: false };
  if (r?.status === "band") {
    if (r.atLeast !== undefined) return { text: `不低于${r.atLeast}%`, band: true };
    if (r.atMost !== undefined) return { text: `不高于${r.atMost}%`, band: true };
  }
  return null;
}

/** "占在校学生总数的20.6%" / "占在校学生总数的比例不低于75%"; with `of` empty "占54.8%" / "占比不低于75%". */
function sharePhrase(r: PublishedRatio | undefined, of: string): string | null {
  const p = percent(r);
  if (!p) return null;
  if (of === "") return p.band ? `占比${p.text}` : `占${p.text}`;
  return p.band ? `占${of}的比例${p.text}` : `占${of}的${p.text}`;
}

export function changeOf(
  input: NarrativeInput,
  table: string,
  category = "",
): PublishedChange | undefined {
  return input.view.year.changes.find(
    (c) => c.unit === input.unit && c.table === table && c.category === category,
  );
}

/** "比上学年下降1.2个百分点" when the change of the percentage is published. */
export function pointsChange(c: PublishedChange | undefined): string | null {
  return c?.points === undefined ? null : showChange(c.points, "个百分点");
}

/** "比上学年增加152人" / "比上学年减少773人次" from a published change. */
export function countChange(c: PublishedChange | undefined, unit: "人" | "人次"): string | null {
  if (!c) return null;
  const delta = c.current - c.previous;
  // showChange knows 人 only; 人次 is 人 with 次 after it, except for "与上学年持平".
  return unit === "人次" && delta !== 0 ? `${showChange(delta, "人")}次` : showChange(delta, "人");
}

export const joined = (parts: readonly (string | null)[], sep: string) =>
  parts.filter((p): p is string => p !== null && p !== "").join(sep);

export function unitOf(input: NarrativeInput): PublishedUnit {
  const unit = input.view.units.get(input.unit);
  if (!unit) throw new Error(`unknown unit: ${input.unit}`);
  return unit;
}

const otherDef = (d: DefinitionId): DefinitionId => (d === "moe" ? "sc" : "moe");

/** "按教育统计口径认定的留守儿童". */
const leftBehindBy = (d: DefinitionId) => `按${DEFINITION_LABELS[d]}认定的留守儿童`;

/** A row of a table of the unit, if the table is on the given definition (or has none). */
function rowOn(
  input: NarrativeInput,
  table: string,
  category: string,
  def: DefinitionId,
): PublishedRow | undefined {
  const t = input.view.table(table, input.unit);
  if (!t || (t.definition !== undefined && t.definition !== def)) return undefined;
  return t.rows.find((r) => r.category === category);
}

// ---------- 基本情况 ----------

/**
 * The opening sentence: school year, enrolment, left-behind children (default definition)
 * with boys and girls, their share of enrolment and its change in percentage points.
 * "2024-2025学年，全县共有在校学生12,345人，其中按教育统计口径认定的留守儿童2,345人（男生
 * 1,200人，女生1,145人），占在校学生总数的19.0%，比上学年下降1.2个百分点。"
 */
export function enrolmentSentence(input: NarrativeInput): string | null {
  const { view, unit, def, k } = input;
  const { first } = areaNames(unitOf(input));
  const opening = `${schoolYearLabel(view.year.year)}，`;
  const enr = said(view.row("enr", unit)?.value, k);
  if (enr.kind === "zero") return `${opening}${first}没有在校学生。`;
  const enrClause =
    enr.kind === "value"
      ? `${first}共有在校学生${formatCount(enr.n)}人`
      : enr.kind === "fewer"
        ? `${first}在校学生少于${k}人`
        : null;

  const lbRow = view.row(`lb.${def}`, unit);
  let lbClause: string | null = null;
  if (lbRow) {
    const lb = said(lbRow.value, k);
    const subject = enrClause ? "其中" : first;
    const share = sharePhrase(lbRow.ratio, "在校学生总数");
    const label = leftBehindBy(def);
    if (lb.kind === "notCollected") lbClause = "学校未报送留守儿童数据";
    else if (lb.kind === "zero") lbClause = `${subject}没有${label}`;
    else if (lb.kind === "value") {
      lbClause = joined(
        [
          `${subject}${enrClause ? "" : "共有"}${label}${formatCount(lb.n)}人${sexParenthesis(input)}`,
          share,
          pointsChange(changeOf(input, `lb.${def}`)),
        ],
        "，",
      );
    } else if (lb.kind === "fewer") {
      lbClause = joined([`${subject}${label}少于${k}人`, share], "，");
    } else {
      lbClause = share ? `${subject}${label}${share}` : `${subject}${label}人数依规不予公布`;
    }
  }
  if (!enrClause && !lbClause) return null;
  return `${opening}${joined([enrClause, lbClause], "，")}。`;
}

/** "（男生88人，女生87人）", or "" when neither may be stated. */
function sexParenthesis(input: NarrativeInput): string {
  const parts = (
    [
      ["男", "男生"],
      ["女", "女生"],
    ] as const
  ).map(([category, word]) => {
    const s = said(rowOn(input, "lb.sex", category, input.def)?.value, input.k);
    if (s.kind === "zero") return `没有${word}`;
    const a = amount(s, input.k, "人");
    return a ? `${word}${a}` : null;
  });
  const text = joined(parts, "，");
  return text ? `（${text}）` : "";
}

/**
 * Year-on-year change of enrolment and of the left-behind count, in persons:
 * "在校学生人数比上学年增加152人，留守儿童人数比上学年减少94人。"
 */
export function changeSentence(input: NarrativeInput): string | null {
  const text = joined(
    [
      prefixed("在校学生人数", countChange(changeOf(input, "enr"), "人")),
      prefixed("留守儿童人数", countChange(changeOf(input, `lb.${input.def}`), "人")),
    ],
    "，",
  );
  return text ? `${text}。` : null;
}

const prefixed = (prefix: string, text: string | null) => (text ? `${prefix}${text}` : null);

const LB_TYPE_WORDS = [
  ["单亲留守儿童", "父母一方外出务工的单亲留守儿童"],
  ["双亲留守儿童", "父母双方均外出务工的双亲留守儿童"],
] as const;

/**
 * One parent or both parents away (education-statistics definition, as the table is):
 * "留守儿童中，父母一方外出务工的单亲留守儿童1,045人，占54.8%；父母双方均外出务工的双亲
 * 留守儿童862人，占45.2%。"
 */
export function compositionSentence(input: NarrativeInput): string | null {
  const items = LB_TYPE_WORDS.map(([category, words]) => {
    const row = rowOn(input, "lb.type", category, "moe");
    const s = said(row?.value, input.k);
    if (s.kind === "zero") return `没有${words}`;
    const a = amount(s, input.k, "人");
    const share = sharePhrase(row?.ratio, "");
    if (a) return joined([`${words}${a}`, share], "，");
    return share ? `${words}${share}` : null;
  });
  const text = joined(items, "；");
  if (!text) return null;
  return `${input.def === "moe" ? "留守儿童中" : `${leftBehindBy("moe")}中`}，${text}。`;
}

/**
 * The other definition's count beside: "按国务院2016口径，全县有留守儿童916人，占在校学生
 * 总数的9.1%，比上学年下降0.6个百分点。"
 */
export function otherDefinitionSentence(input: NarrativeInput): string | null {
  const other = otherDef(input.def);
  const row = input.view.row(`lb.${other}`, input.unit);
  if (!row) return null;
  const { again } = areaNames(unitOf(input));
  const opening = `按${DEFINITION_LABELS[other]}，${again}`;
  const s = said(row.value, input.k);
  const share = sharePhrase(row.ratio, "在校学生总数");
  let text: string | null = null;
  if (s.kind === "zero") text = `${opening}没有留守儿童`;
  else if (s.kind === "value") {
    text = joined(
      [
        `${opening}有留守儿童${formatCount(s.n)}人`,
        share,
        pointsChange(changeOf(input, `lb.${other}`)),
      ],
      "，",
    );
  } else if (s.kind === "fewer") text = joined([`${opening}留守儿童少于${input.k}人`, share], "，");
  else if (s.kind === "unsaid" && share) text = `${opening}留守儿童${share}`;
  return text ? `${text}。` : null;
}

/**
 * Pupils the State Council definition cannot assess, and how many schools supplied what it
 * needs: "另有125名学生因学校未报送父母外出务工及监护能力信息，无法按国务院2016口径判定；
 * 全县40所学校中有37所报送了这些信息。" The school count is left out for a single school.
 */
export function unassessedSentence(input: NarrativeInput): string | null {
  const { view, unit, k } = input;
  const u = unitOf(input);
  const sc = DEFINITION_LABELS.sc;
  const unknown = said(view.row("lb.sc.unknown", unit)?.value, k);
  const who =
    unknown.kind === "value"
      ? `${formatCount(unknown.n)}名学生`
      : unknown.kind === "fewer"
        ? `少于${k}名学生`
        : null;
  const unknownClause = who
    ? `另有${who}因学校未报送父母外出务工及监护能力信息，无法按${sc}判定`
    : null;

  let schoolsClause: string | null = null;
  const can = said(view.row("sc.assessed", unit, "可判定")?.value, k);
  const all = said(view.row("sc.assessed", unit, "全部")?.value, k);
  if (u.level > 0 && all.kind === "value" && (can.kind === "value" || can.kind === "zero")) {
    const { again } = areaNames(u);
    const schools = `${again}${formatCount(all.n)}所学校`;
    const what = unknownClause ? "这些信息" : `按${sc}判定所需的父母外出务工及监护能力信息`;
    if (can.kind === "zero") schoolsClause = `${schools}均未报送${what}`;
    else if (can.n === all.n) schoolsClause = `${schools}均报送了${what}`;
    else schoolsClause = `${schools}中有${formatCount(can.n)}所报送了${what}`;
  }
  const text = joined([unknownClause, schoolsClause], "；");
  return text ? `${text}。` : null;
}

// ---------- 关爱帮扶 ----------

const NORM_OPENING: Record<Exclude<NormFrequency, "once" | "none">, string> = {
  yearly: "按每学年一次的要求计算，",
  monthly: "按每月一次的要求计算，",
  termly: "按每学期一次的要求计算，",
};

/** The row a coverage rate is read from: the single row, or "已覆盖" of a periodic norm. */
export function coverageRow(input: NarrativeInput, type: CareType): PublishedRow | undefined {
  return input.view
    .table(`cov.${type}`, input.unit)
    ?.rows.find((r) => r.category === "" || r.category === "已覆盖");
}

export const rateName = (type: CareType) => (type === "建档" ? "建档率" : `${type}覆盖率`);

/** A coverage item; `fewer` when it begins with "有…记录的" (the opening then needs "中"). */
interface Item {
  text: string;
  fewer: boolean;
}

function rateItem(input: NarrativeInput, type: CareType): Item | null {
  const row = coverageRow(input, type);
  if (!row || row.ratio?.status === "notApplicable") return null;
  const s = said(row.value, input.k);
  if (s.kind === "zero") return { text: `尚无${type}记录`, fewer: false };
  const p = percent(row.ratio);
  if (p) {
    const change = pointsChange(changeOf(input, `cov.${type}`, row.category));
    return { text: joined([`${rateName(type)}${p.text}`, change], "，"), fewer: false };
  }
  // A count of children only where the norm counts children (not 人月 or 人·学期).
  const byChild = input.norms[type] === "once" || input.norms[type] === "yearly";
  if (s.kind === "fewer" && byChild) {
    return { text: `有${type}记录的留守儿童少于${input.k}人`, fewer: true };
  }
  return null;
}

function countItem(input: NarrativeInput, type: CareType): Item | null {
  const row = coverageRow(input, type);
  if (!row || row.ratio?.status === "notApplicable") return null;
  const s = said(row.value, input.k);
  if (s.kind === "zero") return { text: `尚无${type}记录`, fewer: false };
  const share = sharePhrase(row.ratio, "");
  const a = amount(s, input.k, "人");
  const subject = `有${type}记录的留守儿童`;
  if (a) {
    const change = share ? pointsChange(changeOf(input, `cov.${type}`, row.category)) : null;
    return { text: joined([`${subject}${a}`, share, change], "，"), fewer: false };
  }
  return share ? { text: `${subject}${share}`, fewer: false } : null;
}

const typesWith = (input: NarrativeInput, norm: NormFrequency) =>
  CARE_TYPES.filter((t) => input.norms[t] === norm);

/**
 * The coverage rates of the care types with one norm. "once": "全县留守儿童建档率100.0%，
 * 比上学年上升16.8个百分点；结对帮扶覆盖率96.3%。"; "monthly": "按每月一次的要求计算，
 * 谈心覆盖率72.6%……"; "none" (no norm: children with a record and their share): "此外，有
 * 心理辅导记录的留守儿童108人，占5.7%……", opening with the area instead of "此外" when it is
 * the first sentence of the section (`first`).
 */
export function coverageSentence(
  input: NarrativeInput,
  norm: NormFrequency,
  first = false,
): string | null {
  const types = typesWith(input, norm);
  if (norm === "none") {
    const text = joined(
      types.map((t) => countItem(input, t)?.text ?? null),
      "；",
    );
    if (!text) return null;
    return `${first ? areaNames(unitOf(input)).again : "此外，"}${text}。`;
  }
  const items = types.map((t) => rateItem(input, t)).filter((i): i is Item => i !== null);
  if (items.length === 0) return null;
  const text = items.map((i) => i.text).join("；");
  if (norm !== "once") return `${NORM_OPENING[norm]}${text}。`;
  const { again } = areaNames(unitOf(input));
  return `${again}留守儿童${items[0]!.fewer ? "中" : ""}${text}。`;
}

/**
 * Whether the schools supplied care records: "学校未报送关爱工作记录，暂无覆盖率数据。" when
 * none did, "部分学校未报送关爱工作记录。" when some did not; null when all did.
 */
export function coverageCollectionSentence(input: NarrativeInput): string | null {
  const tables = CARE_TYPES.map((t) => input.view.table(`cov.${t}`, input.unit)).filter(
    (t) => t !== undefined,
  );
  if (tables.length === 0) return null;
  if (tables.every((t) => t.collected === "none"))
    return "学校未报送关爱工作记录，暂无覆盖率数据。";
  if (tables.some((t) => t.collected !== "all")) return "部分学校未报送关爱工作记录。";
  return null;
}

/** All sentences of 关爱帮扶, in order. */
export function coverageSentences(input: NarrativeInput): string[] {
  const collection = coverageCollectionSentence(input);
  if (collection?.startsWith("学校未报送")) return [collection];
  const out: string[] = [];
  for (const norm of ["once", "yearly", "monthly", "termly", "none"] as const) {
    const sentence = coverageSentence(input, norm, out.length === 0);
    if (sentence) out.push(sentence);
  }
  if (out.length > 0 && input.coverageDef !== input.def) {
    out.push(`以上覆盖率中的留守儿童按${DEFINITION_LABELS[input.coverageDef]}认定。`);
  }
  if (collection) out.push(collection);
  return out;
}

// ---------- 关爱活动与社会关爱 ----------

/**
 * Activities and left-behind participants: "全县共开展关爱活动57次（其中亲情沟通活动2次、……），
 * 参加活动的留守儿童共2,580人次，比上学年减少773人次。"
 */
export function activitySentence(input: NarrativeInput): string | null {
  const { view, unit, k } = input;
  const n = said(view.row("act.n", unit)?.value, k);
  const { again } = areaNames(unitOf(input));
  if (n.kind === "zero") return `本学年${again}没有关爱活动记录。`;
  if (n.kind !== "value") return null;
  const types = (view.table("act.n.type", unit)?.rows ?? [])
    .map((r) => {
      const s = said(r.value, k);
      return s.kind === "value" ? `${r.label}活动${formatCount(s.n)}次` : null;
    })
    .filter((t): t is string => t !== null);
  const head = `${again}共开展关爱活动${formatCount(n.n)}次${types.length > 0 ? `（其中${types.join("、")}）` : ""}`;
  const lb = said(view.row("act.lb", unit)?.value, k);
  let lbClause: string | null = null;
  if (lb.kind === "zero") lbClause = "没有留守儿童参加";
  else if (lb.kind === "value") {
    lbClause = joined(
      [
        `参加活动的留守儿童共${formatCount(lb.n)}人次`,
        countChange(changeOf(input, "act.lb"), "人次"),
      ],
      "，",
    );
  } else if (lb.kind === "fewer") lbClause = `参加活动的留守儿童少于${k}人次`;
  return `${joined([head, lbClause], "，")}。`;
}

/**
 * Social support: "全县获得社会各界捐赠、走访等关爱14次，折合金额30.1万元，受助留守儿童
 * 1,724人次，比上学年增加1,307人次。"
 */
export function socialSentence(input: NarrativeInput): string | null {
  const { view, unit, k } = input;
  const n = said(view.row("soc.n", unit)?.value, k);
  const { again } = areaNames(unitOf(input));
  if (n.kind === "zero") return `本学年${again}没有社会捐赠、走访记录。`;
  if (n.kind !== "value") return null;

  const yuanTable = view.table("soc.yuan", unit);
  const yuan = said(yuanTable?.rows[0]?.value, k);
  const partly = (what: string, collected: string | undefined) =>
    collected === "partial" ? `（部分学校未报送${what}）` : "";
  let yuanClause: string | null = null;
  if (yuan.kind === "value") {
    yuanClause = `折合金额${formatYuan(yuan.n)}${partly("金额", yuanTable?.collected)}`;
  } else if (yuan.kind === "notCollected") yuanClause = "学校未报送折合金额";

  const benTable = view.table("soc.beneficiaries", unit);
  const ben = said(benTable?.rows[0]?.value, k);
  let benClause: string | null = null;
  if (ben.kind === "value") {
    benClause = joined(
      [
        `受助留守儿童${formatCount(ben.n)}人次${partly("受助人次", benTable?.collected)}`,
        countChange(changeOf(input, "soc.beneficiaries"), "人次"),
      ],
      "，",
    );
  } else if (ben.kind === "fewer") benClause = `受助留守儿童少于${k}人次`;
  else if (ben.kind === "zero") benClause = "没有留守儿童受助";
  else if (ben.kind === "notCollected") benClause = "学校未报送受助留守儿童人次";

  const head = `${again}获得社会各界捐赠、走访等关爱${formatCount(n.n)}次`;
  return `${joined([head, yuanClause, benClause], "，")}。`;
}

// ---------- 统计口径 ----------

const DEFINITION_TEXT: Record<DefinitionId, { basis: string; meaning: string }> = {
  moe: {
    basis: "依据学籍系统“是否留守儿童”一项",
    meaning:
      "父母一方或双方外出务工连续三个月以上、托付给其他亲属监护、在户籍所在地接受义务教育的适龄儿童",
  },
  sc: {
    basis: "依据《国务院关于加强农村留守儿童关爱保护工作的意见》（国发〔2016〕13号）",
    meaning: "父母双方外出务工或一方外出务工另一方无监护能力、不满十六周岁的未成年人",
  },
};

/** Which definition the figures use, and the other one beside it. */
export function definitionSentence(input: NarrativeInput): string {
  const def = input.def;
  const other = otherDef(def);
  const d = DEFINITION_TEXT[def];
  const o = DEFINITION_TEXT[other];
  return (
    `本报告中的留守儿童按${DEFINITION_LABELS[def]}认定，${d.basis}，指${d.meaning}；` +
    `同时列出${leftBehindBy(other)}人数，${o.basis}，指${o.meaning}。`
  );
}

/** What suppression means, and where the data comes from. */
export function suppressionSentence(input: NarrativeInput): string {
  const { k, kSensitive } = input;
  return (
    `为保护儿童隐私，人数少于${k}人的数字（孤儿、残疾、家庭经济困难、单亲家庭等困境儿童少于${kSensitive}人）` +
    `及可据以推算的数字不予公布，本报告中表述为“少于${k}人”或不予列出；` +
    `与上学年的比较只在两个学年的数字均已公布时给出。数据来源：${input.source}。`
  );
}

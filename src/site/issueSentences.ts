/**
 * 存在的问题: what the published figures show to be weak, in the words of a work report
 * ("一是……。二是……。"). The same rules as every other sentence of the narrative
 * (`narrative.ts`): a figure is named only with its published value; a hidden figure is never
 * named, ranked or compared (a unit is never called "the lowest", because a hidden rate could be
 * lower); a true zero is said in words; a figure that was not collected is a gap in the data,
 * not a zero. Numbers computed here (gaps between two published rates) decide only what is
 * said and in which order; they are never printed.
 */
import type { PublishedRow } from "../pipeline/publish/publishable.ts";
import { CARE_TYPES, type CareType } from "../pipeline/validate/siteConfig.ts";
import { formatPercent } from "./format.ts";
import {
  areaNames,
  changeOf,
  countChange,
  coverageRow,
  joined,
  pointsChange,
  rateName,
  said,
  unitOf,
  type NarrativeInput,
} from "./narrative.ts";
import { childKindOf } from "./unitCharts.ts";

/** A published coverage rate below this is a weak point worth naming. */
export const WEAK_RATE = 60;
/** A unit below is named when its published rate is this many points under its parent's. */
export const BEHIND_POINTS = 15;
/** Items named in one sentence; the rest are left to the tables. */
const MAX_ITEMS = 3;

/** "按每月一次的要求" for a periodic norm, "" for a norm counted per child. */
const NORM_WORDS: Record<string, string> = {
  monthly: "（按每月一次的要求计算）",
  termly: "（按每学期一次的要求计算）",
  yearly: "",
  once: "",
  none: "",
};

/** The exact published coverage percentage of a row, or null (hidden, banded, not applicable). */
function exactRate(row: PublishedRow | undefined): number | null {
  return row?.ratio?.status === "published" ? row.ratio.percent : null;
}

interface CareState {
  type: CareType;
  /** The published rate, when exact. */
  rate: number | null;
  /** No record of this care at all (a published zero). */
  zero: boolean;
  collected: "all" | "partial" | "none";
}

function careStates(input: NarrativeInput, unit = input.unit): CareState[] {
  const sub = { ...input, unit };
  return CARE_TYPES.flatMap((type): CareState[] => {
    const table = input.view.table(`cov.${type}`, unit);
    if (!table) return [];
    const row = coverageRow(sub, type);
    if (table.collected === "none") return [{ type, rate: null, zero: false, collected: "none" }];
    if (!row || row.ratio?.status === "notApplicable") return [];
    return [
      {
        type,
        rate: exactRate(row),
        zero: said(row.value, input.k).kind === "zero",
        collected: table.collected,
      },
    ];
  });
}

/**
 * The care types furthest below their norm: "生活照顾覆盖率仅为3.6%，心理辅导覆盖率为5.7%" and
 * those with no record at all ("尚无生活照顾记录"). Only exact published rates below
 * `WEAK_RATE`, lowest first.
 */
export function weakCareSentence(input: NarrativeInput): string | null {
  const states = careStates(input).filter((s) => s.collected !== "none");
  const none = states.filter((s) => s.zero).map((s) => s.type);
  const weak = states
    .filter((s) => !s.zero && s.rate !== null && s.rate < WEAK_RATE)
    .sort((a, b) => a.rate! - b.rate! || CARE_TYPES.indexOf(a.type) - CARE_TYPES.indexOf(b.type))
    .slice(0, MAX_ITEMS)
    .map(
      (s, i) =>
        `${rateName(s.type)}${NORM_WORDS[input.norms[s.type]] ?? ""}${i === 0 ? "仅为" : "为"}${formatPercent(s.rate!)}`,
    );
  if (none.length === 0 && weak.length === 0) return null;
  const { again } = areaNames(unitOf(input));
  const parts = joined(
    [
      none.length > 0 ? `尚无${none.join("、")}记录` : null,
      weak.length > 0 ? weak.join("，") : null,
    ],
    "；",
  );
  return `部分关爱工作覆盖面偏小。${again}留守儿童中，${parts}。`;
}

/**
 * The units below (乡镇 or schools) whose published rate of a normed care type lies well under
 * their parent's published rate: "龙泉镇谈心覆盖率为45.2%（全县72.6%）". Units whose rate is
 * hidden are left out, and nothing is said of which unit is lowest.
 */
export function behindSentence(input: NarrativeInput): string | null {
  const unit = unitOf(input);
  const children = input.view.children(input.unit).filter((c) => c.level < unit.level);
  if (children.length < 2) return null;
  const { again } = areaNames(unit);
  const parent = new Map(careStates(input).map((s) => [s.type, s.rate]));
  const items: { text: string; gap: number; order: number }[] = [];
  children.forEach((child, order) => {
    for (const s of careStates(input, child.id)) {
      const p = parent.get(s.type);
      if (input.norms[s.type] === "none" || p == null || s.rate === null) continue;
      if (p - s.rate < BEHIND_POINTS) continue;
      items.push({
        text: `${child.name}${rateName(s.type)}为${formatPercent(s.rate)}（${again}${formatPercent(p)}）`,
        gap: p - s.rate,
        order,
      });
    }
  });
  if (items.length === 0) return null;
  items.sort((a, b) => b.gap - a.gap || a.order - b.order);
  const kind = childKindOf(input.view, input.unit);
  const listed = items.slice(0, MAX_ITEMS).map((i) => i.text);
  return `${kind}之间还不平衡。${listed.join("，")}，与${again}水平差距较大。`;
}

/** Falls from last year: coverage in points, participants and beneficiaries in 人次. */
export function fallSentence(input: NarrativeInput): string | null {
  const items: string[] = [];
  for (const type of CARE_TYPES) {
    const row = coverageRow(input, type);
    if (!row) continue;
    const c = changeOf(input, `cov.${type}`, row.category);
    if (c?.points !== undefined && c.points < 0) items.push(`${rateName(type)}${pointsChange(c)}`);
  }
  for (const [table, subject] of [
    ["act.lb", "参加活动的留守儿童"],
    ["soc.beneficiaries", "受助留守儿童"],
  ] as const) {
    const c = changeOf(input, table);
    if (c && c.current < c.previous) items.push(`${subject}${countChange(c, "人次")}`);
  }
  if (items.length === 0) return null;
  return `部分工作比上学年有所下降。${items.join("，")}。`;
}

/** Care records some or all schools did not send: the figures above are incomplete. */
export function gapSentence(input: NarrativeInput): string | null {
  const states = careStates(input);
  const missing = states.filter((s) => s.collected === "none").map((s) => s.type);
  const partial = states.some((s) => s.collected === "partial");
  if (missing.length === states.length && missing.length > 0) {
    return "关爱工作记录尚未报送，无法掌握各项关爱工作的开展情况。";
  }
  if (missing.length > 0) return `${missing.join("、")}记录尚未报送，数据还不完整。`;
  if (partial) return "部分学校未报送关爱工作记录，数据还不完整。";
  return null;
}

const ORDINALS = ["一是", "二是", "三是", "四是"];

/**
 * The paragraphs of 存在的问题, each opening "一是……", "二是……". When the published figures
 * show no weak point, one sentence says so — or, when almost nothing could be published, that
 * the figures do not allow an analysis.
 */
export function issueParagraphs(input: NarrativeInput): string[] {
  const found = [
    weakCareSentence(input),
    behindSentence(input),
    fallSentence(input),
    gapSentence(input),
  ].filter((s): s is string => s !== null);
  if (found.length > 0) return found.map((s, i) => `${ORDINALS[i]}${s}`);
  const states = careStates(input);
  if (states.length === 0) return [];
  if (states.some((s) => s.rate !== null || s.zero)) {
    const compared = input.view.year.changes.some((c) => c.unit === input.unit);
    return [
      `从已公布的数据看，各项关爱工作没有明显偏低${compared ? "或比上学年下降" : ""}的项目。`,
    ];
  }
  const { again } = areaNames(unitOf(input));
  return [`因人数较少，${again}各项关爱工作的数字依规不予公布，无法据此分析存在的问题。`];
}

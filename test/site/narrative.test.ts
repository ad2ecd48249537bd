/**
 * The narrative of the annual summary: every sentence generator with published, suppressed
 * (interval below k and reaching k), zero, not-collected and no-previous-year inputs, the
 * sample's reference school, and a property check that every number in the text is a published
 * figure, percentage or change (or k).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  PublishedChange,
  PublishedRatio,
  PublishedRow,
  PublishedTable,
  PublishedUnit,
  PublishedValue,
} from "../../src/pipeline/publish/publishable.ts";
import { DEFAULT_NORMS } from "../../src/pipeline/validate/siteConfig.ts";
import { formatCount, formatPercent, formatYuan } from "../../src/site/format.ts";
import {
  activitySentence,
  areaNames,
  changeSentence,
  compositionSentence,
  coverageCollectionSentence,
  coverageSentence,
  coverageSentences,
  definitionSentence,
  enrolmentSentence,
  otherDefinitionSentence,
  schoolYearLabel,
  socialSentence,
  suppressionSentence,
  unassessedSentence,
  type NarrativeInput,
} from "../../src/site/narrative.ts";
import {
  behindSentence,
  fallSentence,
  gapSentence,
  issueParagraphs,
  weakCareSentence,
} from "../../src/site/issueSentences.ts";
import { summaryNarrative } from "../../src/site/summaryNarrative.ts";
import { publishedYear } from "../helpers/published.ts";
import { YearView } from "../../src/site/siteData.ts";

// ---------- fixture builder ----------

const REGION = "region";
const TOWN = "t:青岚县/白鹤镇";
const TOWN2 = "t:青岚县/石桥镇";
const SCHOOL = "2151270201";
const SCHOOL2 = "2151270301";

const UNITS: PublishedUnit[] = [
  { id: REGION, name: "青岚县", level: 3, children: [TOWN, TOWN2] },
  { id: TOWN, name: "白鹤镇", level: 1, parent: REGION, children: [SCHOOL] },
  { id: TOWN2, name: "石桥镇", level: 1, parent: REGION, children: [SCHOOL2] },
  { id: SCHOOL, name: "白鹤镇中心小学", level: 0, parent: TOWN, children: [] },
  { id: SCHOOL2, name: "石桥镇中心小学", level: 0, parent: TOWN2, children: [] },
];

const pub = (value: number): PublishedValue => ({ kind: "count", status: "published", value });
const zero: PublishedValue = { kind: "count", status: "zero" };
const sup = (lo: number, hi: number): PublishedValue => ({
  kind: "count",
  status: "suppressed",
  interval: [lo, hi],
});
const nc: PublishedValue = { kind: "notCollected" };
const plain = (value: number): PublishedValue => ({ kind: "plain", value });
const pct = (percent: number): PublishedRatio => ({ status: "published", percent });
const hidden: PublishedRatio = { status: "suppressed" };
const na: PublishedRatio = { status: "notApplicable" };

const row = (category: string, value: PublishedValue, ratio?: PublishedRatio): PublishedRow => ({
  category,
  label: category,
  value,
  ...(ratio ? { ratio } : {}),
});

const DEFS: Record<string, "moe" | "sc"> = {
  "lb.moe": "moe",
  "lb.sc": "sc",
  "lb.sc.unknown": "sc",
  "lb.type": "moe",
  "lb.sex": "moe",
};

/** A table of `unit`: rows as given, `collected` "all" unless said. */
function table(
  name: string,
  rows: PublishedRow[],
  unit = SCHOOL,
  collected: PublishedTable["collected"] = "all",
): PublishedTable {
  const def = DEFS[name] ?? (name.startsWith("cov.") ? "moe" : undefined);
  return {
    id: `${name}|u=${unit}`,
    table: name,
    unit,
    unitName: UNITS.find((u) => u.id === unit)!.name,
    title: name,
    ...(def ? { definition: def } : {}),
    collected,
    rows,
  };
}

/** A single-row table (category ""). */
const one = (name: string, value: PublishedValue, ratio?: PublishedRatio, unit = SCHOOL) =>
  table(name, [row("", value, ratio)], unit);

const change = (
  name: string,
  previous: number,
  current: number,
  points?: number,
  unit = SCHOOL,
  category = "",
): PublishedChange => ({
  unit,
  table: name,
  category,
  previousYear: "2023-2024",
  previous,
  current,
  ...(points !== undefined ? { points } : {}),
});

function input(
  tables: PublishedTable[],
  changes: PublishedChange[] = [],
  over: Partial<Omit<NarrativeInput, "view">> = {},
): NarrativeInput {
  const year = publishedYear(UNITS, tables, changes);
  return {
    view: new YearView(year),
    unit: SCHOOL,
    def: "moe",
    coverageDef: "moe",
    k: 5,
    kSensitive: 10,
    norms: { ...DEFAULT_NORMS },
    source: "各学校学籍系统导出名单及关爱工作记录",
    ...over,
  };
}

/** The sample's reference school: 848 pupils, 175 left-behind (88 boys, 87 girls), 20.6%. */
const REFERENCE = [
  one("enr", pub(848)),
  one("lb.moe", pub(175), pct(20.6)),
  table("lb.sex", [row("男", pub(88), pct(21.3)), row("女", pub(87), pct(20))]),
];

const sex = (m: PublishedValue, f: PublishedValue, unit = SCHOOL) =>
  table("lb.sex", [row("男", m, hidden), row("女", f, hidden)], unit);

// ---------- naming ----------

describe("naming", () => {
  it("writes the school year as every page does: 2024-2025学年", () => {
    expect(schoolYearLabel("2024-2025")).toBe("2024-2025学年");
  });

  it("calls the region by the last character of its name, other units by name then collectively", () => {
    const unit = (name: string, level: number): PublishedUnit => ({
      id: name,
      name,
      level,
      children: [],
    });
    expect(areaNames(unit("青岚县", 3))).toEqual({ first: "全县", again: "全县" });
    expect(areaNames(unit("某某市", 3))).toEqual({ first: "全市", again: "全市" });
    expect(areaNames(unit("某某区", 3))).toEqual({ first: "全区", again: "全区" });
    expect(areaNames(unit("青岚", 3))).toEqual({ first: "青岚", again: "青岚" });
    expect(areaNames(unit("青岚县", 2))).toEqual({ first: "青岚县", again: "全县" });
    expect(areaNames(unit("白鹤镇", 1))).toEqual({ first: "白鹤镇", again: "全镇" });
    expect(areaNames(unit("青山乡", 1))).toEqual({ first: "青山乡", again: "全乡" });
    expect(areaNames(unit("锦城街道", 1))).toEqual({ first: "锦城街道", again: "全街道" });
    expect(areaNames(unit("白鹤镇中心小学", 0))).toEqual({
      first: "白鹤镇中心小学",
      again: "全校",
    });
    expect(areaNames(unit("白鹤镇中心幼儿园", 0))).toEqual({
      first: "白鹤镇中心幼儿园",
      again: "全园",
    });
  });
});

// ---------- 基本情况 ----------

describe("enrolmentSentence", () => {
  it("gives the reference school's figures exactly: 848, 175, 88 boys, 87 girls, 20.6%", () => {
    expect(enrolmentSentence(input(REFERENCE))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生848人，其中按教育统计口径认定的留守儿童175人（男生88人，女生87人），占在校学生总数的20.6%。",
    );
  });

  it("formats thousands and adds the published change in percentage points", () => {
    const tables = [
      one("enr", pub(12345), undefined, REGION),
      one("lb.moe", pub(2345), pct(19), REGION),
      sex(pub(1200), pub(1145), REGION),
    ];
    const changes = [change("lb.moe", 2500, 2345, -1.2, REGION)];
    expect(enrolmentSentence(input(tables, changes, { unit: REGION }))).toBe(
      "2024-2025学年，全县共有在校学生12,345人，其中按教育统计口径认定的留守儿童2,345人（男生1,200人，女生1,145人），占在校学生总数的19.0%，比上学年下降1.2个百分点。",
    );
  });

  it("has no year-on-year clause without a change record, even when another unit has one", () => {
    const changes = [change("lb.moe", 180, 175, -0.5, TOWN)];
    expect(enrolmentSentence(input(REFERENCE, changes))).toBe(enrolmentSentence(input(REFERENCE)));
  });

  it("says a count whose interval lies below k is fewer than k, and drops suppressed splits", () => {
    const tables = [
      one("enr", pub(60)),
      one("lb.moe", sup(1, 4), hidden),
      sex(sup(0, 4), sup(0, 4)),
    ];
    expect(enrolmentSentence(input(tables))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生60人，其中按教育统计口径认定的留守儿童少于5人。",
    );
  });

  it("says a count whose interval reaches k is not published, and never gives a number for it", () => {
    const tables = [
      one("enr", pub(60)),
      one("lb.moe", sup(3, 12), hidden),
      sex(sup(0, 9), sup(0, 9)),
    ];
    expect(enrolmentSentence(input(tables))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生60人，其中按教育统计口径认定的留守儿童人数依规不予公布。",
    );
  });

  it("states a banded share as published", () => {
    const tables = [
      one("enr", pub(23)),
      one("lb.moe", sup(17, 23), { status: "band", atLeast: 75 }),
    ];
    expect(enrolmentSentence(input(tables))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生23人，其中按教育统计口径认定的留守儿童占在校学生总数的比例不低于75%。",
    );
  });

  it("keeps a boy or girl count below k as fewer than k and leaves out one reaching k", () => {
    const tables = [
      one("enr", pub(300)),
      one("lb.moe", pub(30), pct(10)),
      sex(sup(0, 4), sup(26, 30)),
    ];
    expect(enrolmentSentence(input(tables))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生300人，其中按教育统计口径认定的留守儿童30人（男生少于5人），占在校学生总数的10.0%。",
    );
  });

  it("says a zero in words", () => {
    const girlsZero = [one("enr", pub(300)), one("lb.moe", pub(30), pct(10)), sex(pub(30), zero)];
    expect(enrolmentSentence(input(girlsZero))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生300人，其中按教育统计口径认定的留守儿童30人（男生30人，没有女生），占在校学生总数的10.0%。",
    );
    const noneLeftBehind = [one("enr", pub(300)), one("lb.moe", zero, pct(0)), sex(zero, zero)];
    expect(enrolmentSentence(input(noneLeftBehind))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生300人，其中没有按教育统计口径认定的留守儿童。",
    );
    expect(enrolmentSentence(input([one("enr", zero), one("lb.moe", zero, na)]))).toBe(
      "2024-2025学年，白鹤镇中心小学没有在校学生。",
    );
  });

  it("opens with the left-behind count when enrolment may not be stated", () => {
    const tables = [one("enr", sup(800, 900)), ...REFERENCE.slice(1)];
    tables[1] = one("lb.moe", pub(175), hidden);
    expect(enrolmentSentence(input(tables))).toBe(
      "2024-2025学年，白鹤镇中心小学共有按教育统计口径认定的留守儿童175人（男生88人，女生87人）。",
    );
    const small = [one("enr", sup(1, 4)), one("lb.moe", sup(0, 4), hidden)];
    expect(enrolmentSentence(input(small))).toBe(
      "2024-2025学年，白鹤镇中心小学在校学生少于5人，其中按教育统计口径认定的留守儿童少于5人。",
    );
  });

  it("says the schools did not report, never zero, for a count not collected", () => {
    expect(enrolmentSentence(input([one("enr", pub(848)), one("lb.moe", nc)]))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生848人，学校未报送留守儿童数据。",
    );
  });

  it("drops the sentence when nothing may be said", () => {
    expect(enrolmentSentence(input([one("enr", sup(800, 900))]))).toBeNull();
    expect(enrolmentSentence(input([]))).toBeNull();
  });

  it("uses the default definition named in the input", () => {
    const tables = [one("enr", pub(848)), one("lb.sc", pub(85), pct(10))];
    expect(enrolmentSentence(input(tables, [], { def: "sc" }))).toBe(
      "2024-2025学年，白鹤镇中心小学共有在校学生848人，其中按国务院2016口径认定的留守儿童85人，占在校学生总数的10.0%。",
    );
  });
});

describe("changeSentence", () => {
  const tables = [one("enr", pub(848)), one("lb.moe", pub(175), pct(20.6))];

  it("gives the published changes of enrolment and of the left-behind count", () => {
    const changes = [change("enr", 851, 848), change("lb.moe", 150, 175, 3)];
    expect(changeSentence(input(tables, changes))).toBe(
      "在校学生人数比上学年减少3人，留守儿童人数比上学年增加25人。",
    );
  });

  it("says an unchanged figure is level with last year", () => {
    expect(changeSentence(input(tables, [change("enr", 848, 848)]))).toBe(
      "在校学生人数与上学年持平。",
    );
  });

  it("leaves out a figure without a change record (suppressed now or last year)", () => {
    expect(changeSentence(input(tables, [change("lb.moe", 150, 175, 3)]))).toBe(
      "留守儿童人数比上学年增加25人。",
    );
  });

  it("is dropped without a previous year", () => {
    expect(changeSentence(input(tables))).toBeNull();
  });

  it("gives a change to a true zero", () => {
    expect(changeSentence(input(tables, [change("lb.moe", 6, 0)]))).toBe(
      "留守儿童人数比上学年减少6人。",
    );
  });
});

describe("compositionSentence", () => {
  const types = (one: PublishedRow, both: PublishedRow) =>
    table("lb.type", [
      { ...one, category: "单亲留守儿童" },
      { ...both, category: "双亲留守儿童" },
    ]);

  it("gives one parent and both parents away with their shares", () => {
    const t = types(row("", pub(1045), pct(54.8)), row("", pub(862), pct(45.2)));
    expect(compositionSentence(input([t]))).toBe(
      "留守儿童中，父母一方外出务工的单亲留守儿童1,045人，占54.8%；父母双方均外出务工的双亲留守儿童862人，占45.2%。",
    );
  });

  it("says a zero in words", () => {
    const t = types(row("", pub(30), pct(100)), row("", zero, pct(0)));
    expect(compositionSentence(input([t]))).toBe(
      "留守儿童中，父母一方外出务工的单亲留守儿童30人，占100.0%；没有父母双方均外出务工的双亲留守儿童。",
    );
  });

  it("says fewer than k below k, and leaves out a count reaching k", () => {
    const t = types(row("", sup(26, 30), hidden), row("", sup(0, 4), hidden));
    expect(compositionSentence(input([t]))).toBe(
      "留守儿童中，父母双方均外出务工的双亲留守儿童少于5人。",
    );
  });

  it("states a banded share of a suppressed count", () => {
    const t = types(
      row("", sup(17, 23), { status: "band", atLeast: 75 }),
      row("", sup(0, 6), hidden),
    );
    expect(compositionSentence(input([t]))).toBe(
      "留守儿童中，父母一方外出务工的单亲留守儿童占比不低于75%。",
    );
  });

  it("is dropped when both are suppressed with intervals reaching k (the reference school)", () => {
    const t = types(row("", sup(77, 122), hidden), row("", sup(53, 98), hidden));
    expect(compositionSentence(input([t]))).toBeNull();
  });

  it("is dropped when not collected or missing", () => {
    expect(compositionSentence(input([types(row("", nc), row("", nc))]))).toBeNull();
    expect(compositionSentence(input([]))).toBeNull();
  });

  it("names the education-statistics definition when the default is the other one", () => {
    const t = types(row("", pub(1045), pct(54.8)), row("", pub(862), pct(45.2)));
    expect(compositionSentence(input([t], [], { def: "sc" }))).toBe(
      "按教育统计口径认定的留守儿童中，父母一方外出务工的单亲留守儿童1,045人，占54.8%；父母双方均外出务工的双亲留守儿童862人，占45.2%。",
    );
  });

  it("has no year-on-year clause (no change is published for the split)", () => {
    const t = types(row("", pub(1045), pct(54.8)), row("", pub(862), pct(45.2)));
    const changes = [change("lb.type", 900, 862, -1, SCHOOL, "双亲留守儿童")];
    expect(compositionSentence(input([t], changes))).toBe(compositionSentence(input([t])));
  });
});

describe("otherDefinitionSentence", () => {
  it("gives the other definition's count, share and change", () => {
    const tables = [one("lb.sc", pub(916), pct(9.1), REGION)];
    const changes = [change("lb.sc", 967, 916, -0.6, REGION)];
    expect(otherDefinitionSentence(input(tables, changes, { unit: REGION }))).toBe(
      "按国务院2016口径，全县有留守儿童916人，占在校学生总数的9.1%，比上学年下降0.6个百分点。",
    );
  });

  it("has no year-on-year clause without a previous year", () => {
    expect(otherDefinitionSentence(input([one("lb.sc", pub(85), pct(10))]))).toBe(
      "按国务院2016口径，全校有留守儿童85人，占在校学生总数的10.0%。",
    );
  });

  it("says fewer than k below k, and is dropped when the interval reaches k", () => {
    expect(otherDefinitionSentence(input([one("lb.sc", sup(1, 4), hidden)]))).toBe(
      "按国务院2016口径，全校留守儿童少于5人。",
    );
    expect(otherDefinitionSentence(input([one("lb.sc", sup(2, 14), hidden)]))).toBeNull();
  });

  it("says a zero in words and drops what was not collected", () => {
    expect(otherDefinitionSentence(input([one("lb.sc", zero, pct(0))]))).toBe(
      "按国务院2016口径，全校没有留守儿童。",
    );
    expect(otherDefinitionSentence(input([one("lb.sc", nc)]))).toBeNull();
    expect(otherDefinitionSentence(input([]))).toBeNull();
  });

  it("gives the education-statistics count when the default is the State Council definition", () => {
    const tables = [one("lb.moe", pub(175), pct(20.6))];
    expect(otherDefinitionSentence(input(tables, [], { def: "sc" }))).toBe(
      "按教育统计口径，全校有留守儿童175人，占在校学生总数的20.6%。",
    );
  });
});

describe("unassessedSentence", () => {
  const assessed = (can: number, all: number, unit = REGION) =>
    table("sc.assessed", [row("可判定", plain(can)), row("全部", plain(all))], unit);

  it("gives the pupils who cannot be assessed and the schools that reported", () => {
    const tables = [one("lb.sc.unknown", pub(125), undefined, REGION), assessed(37, 40)];
    expect(unassessedSentence(input(tables, [], { unit: REGION }))).toBe(
      "另有125名学生因学校未报送父母外出务工及监护能力信息，无法按国务院2016口径判定；全县40所学校中有37所报送了这些信息。",
    );
  });

  it("says fewer than k below k and leaves out a count reaching k", () => {
    const below = [one("lb.sc.unknown", sup(1, 4), undefined, TOWN), assessed(5, 6, TOWN)];
    expect(unassessedSentence(input(below, [], { unit: TOWN }))).toBe(
      "另有少于5名学生因学校未报送父母外出务工及监护能力信息，无法按国务院2016口径判定；全镇6所学校中有5所报送了这些信息。",
    );
    const reaching = [one("lb.sc.unknown", sup(3, 20), undefined, TOWN), assessed(5, 6, TOWN)];
    expect(unassessedSentence(input(reaching, [], { unit: TOWN }))).toBe(
      "全镇6所学校中有5所报送了按国务院2016口径判定所需的父母外出务工及监护能力信息。",
    );
  });

  it("says in words that all or none of the schools reported, and has nothing to say of a zero", () => {
    const all = [one("lb.sc.unknown", zero, undefined, REGION), assessed(40, 40)];
    expect(unassessedSentence(input(all, [], { unit: REGION }))).toBe(
      "全县40所学校均报送了按国务院2016口径判定所需的父母外出务工及监护能力信息。",
    );
    const none = [one("lb.sc.unknown", pub(125), undefined, REGION), assessed(0, 40)];
    expect(unassessedSentence(input(none, [], { unit: REGION }))).toBe(
      "另有125名学生因学校未报送父母外出务工及监护能力信息，无法按国务院2016口径判定；全县40所学校均未报送这些信息。",
    );
  });

  it("leaves out the school count for a single school and is dropped when nothing is left", () => {
    const tables = [one("lb.sc.unknown", zero), assessed(1, 1, SCHOOL)];
    expect(unassessedSentence(input(tables))).toBeNull();
    expect(unassessedSentence(input([one("lb.sc.unknown", nc)]))).toBeNull();
  });
});

// ---------- 关爱帮扶 ----------

/** Coverage tables: once/none types have one row, monthly/termly "已覆盖" and "应覆盖". */
const cov = (type: string, value: PublishedValue, ratio?: PublishedRatio, unit = SCHOOL) =>
  ["谈心", "亲情电话", "家访"].includes(type)
    ? table(`cov.${type}`, [row("已覆盖", value, ratio), row("应覆盖", pub(1400))], unit)
    : one(`cov.${type}`, value, ratio, unit);

describe("coverageSentence", () => {
  it("gives the rates of the once-norms with their published changes (the region)", () => {
    const tables = [
      cov("建档", pub(1907), pct(100), REGION),
      cov("结对帮扶", pub(1836), pct(96.3), REGION),
    ];
    const changes = [change("cov.建档", 1600, 1907, 16.8, REGION)];
    expect(coverageSentence(input(tables, changes, { unit: REGION }), "once")).toBe(
      "全县留守儿童建档率100.0%，比上学年上升16.8个百分点；结对帮扶覆盖率96.3%。",
    );
  });

  it("says a zero as no record, fewer than k below k, a band as published, and drops the rest", () => {
    const zeroFirst = [cov("建档", zero, pct(0)), cov("结对帮扶", pub(158), pct(90.3))];
    expect(coverageSentence(input(zeroFirst), "once")).toBe(
      "全校留守儿童尚无建档记录；结对帮扶覆盖率90.3%。",
    );
    const fewer = [cov("建档", sup(0, 4), hidden), cov("结对帮扶", sup(3, 30), hidden)];
    expect(coverageSentence(input(fewer), "once")).toBe(
      "全校留守儿童中有建档记录的留守儿童少于5人。",
    );
    const band = [cov("建档", sup(20, 23), { status: "band", atLeast: 87 })];
    expect(coverageSentence(input(band), "once")).toBe("全校留守儿童建档率不低于87%。");
    const reaching = [cov("建档", sup(3, 30), hidden), cov("结对帮扶", sup(3, 30), hidden)];
    expect(coverageSentence(input(reaching), "once")).toBeNull();
  });

  it("drops a rate that is not applicable (no left-behind children) or not collected", () => {
    expect(coverageSentence(input([cov("建档", zero, na)]), "once")).toBeNull();
    expect(coverageSentence(input([cov("建档", nc), cov("结对帮扶", nc)]), "once")).toBeNull();
  });

  it("gives monthly and termly rates against their norms, with the change of the 已覆盖 row", () => {
    const tables = [
      cov("谈心", pub(1101), pct(78.6)),
      cov("亲情电话", sup(3, 40), hidden),
      cov("家访", pub(301), pct(86)),
    ];
    const changes = [change("cov.谈心", 761, 1101, 24.3, SCHOOL, "已覆盖")];
    expect(coverageSentence(input(tables, changes), "monthly")).toBe(
      "按每月一次的要求计算，谈心覆盖率78.6%，比上学年上升24.3个百分点。",
    );
    expect(coverageSentence(input(tables), "termly")).toBe(
      "按每学期一次的要求计算，家访覆盖率86.0%。",
    );
  });

  it("never says fewer than k of child-months", () => {
    expect(coverageSentence(input([cov("谈心", sup(0, 4), hidden)]), "monthly")).toBeNull();
    expect(coverageSentence(input([cov("谈心", zero, pct(0))]), "monthly")).toBe(
      "按每月一次的要求计算，尚无谈心记录。",
    );
  });

  it("follows the configured norms", () => {
    const norms = { ...DEFAULT_NORMS, 体检: "yearly" as const };
    expect(
      coverageSentence(input([cov("体检", pub(712), pct(37.3))], [], { norms }), "yearly"),
    ).toBe("按每学年一次的要求计算，体检覆盖率37.3%。");
    expect(
      coverageSentence(input([cov("体检", pub(712), pct(37.3))], [], { norms }), "none"),
    ).toBeNull();
  });

  it("gives children with a record of the care types without a norm", () => {
    const tables = [
      cov("心理辅导", pub(108), pct(5.7)),
      cov("学业辅导", sup(0, 4), hidden),
      cov("体检", zero, pct(0)),
      cov("慰问", sup(10, 60), hidden),
      cov("生活照顾", nc),
    ];
    const changes = [change("cov.心理辅导", 92, 108, 1.1)];
    expect(coverageSentence(input(tables, changes), "none")).toBe(
      "此外，有心理辅导记录的留守儿童108人，占5.7%，比上学年上升1.1个百分点；有学业辅导记录的留守儿童少于5人；尚无体检记录。",
    );
    expect(coverageSentence(input([cov("慰问", sup(10, 60), hidden)]), "none")).toBeNull();
  });

  it("opens the care types without a norm with the area when nothing comes before them", () => {
    const tables = [cov("建档", sup(3, 30), hidden), cov("学业辅导", pub(18)), cov("体检", zero)];
    expect(coverageSentence(input(tables), "none", true)).toBe(
      "全校有学业辅导记录的留守儿童18人；尚无体检记录。",
    );
    expect(coverageSentences(input(tables))).toEqual([
      "全校有学业辅导记录的留守儿童18人；尚无体检记录。",
    ]);
  });
});

describe("coverageSentences", () => {
  const full = [
    cov("建档", pub(175), pct(100)),
    cov("结对帮扶", pub(158), pct(90.3)),
    cov("谈心", pub(1101), pct(78.6)),
    cov("亲情电话", pub(1048), pct(74.9)),
    cov("家访", pub(301), pct(86)),
    cov("心理辅导", pub(8), pct(4.6)),
  ];

  it("runs once, monthly, termly and the care types without a norm in order", () => {
    expect(coverageSentences(input(full))).toEqual([
      "全校留守儿童建档率100.0%；结对帮扶覆盖率90.3%。",
      "按每月一次的要求计算，谈心覆盖率78.6%；亲情电话覆盖率74.9%。",
      "按每学期一次的要求计算，家访覆盖率86.0%。",
      "此外，有心理辅导记录的留守儿童8人，占4.6%。",
    ]);
  });

  it("names the coverage definition when it differs from the headline one", () => {
    const sentences = coverageSentences(input(full.slice(0, 1), [], { coverageDef: "sc" }));
    expect(sentences).toEqual([
      "全校留守儿童建档率100.0%。",
      "以上覆盖率中的留守儿童按国务院2016口径认定。",
    ]);
  });

  it("says the schools did not report care records, never a zero rate", () => {
    const none = ["建档", "结对帮扶", "谈心"].map((t) => ({
      ...cov(t, nc),
      collected: "none" as const,
    }));
    expect(coverageCollectionSentence(input(none))).toBe(
      "学校未报送关爱工作记录，暂无覆盖率数据。",
    );
    expect(coverageSentences(input(none))).toEqual(["学校未报送关爱工作记录，暂无覆盖率数据。"]);
  });

  it("notes that some schools did not report", () => {
    const partial = [
      { ...cov("建档", pub(1854), pct(97.2), REGION), collected: "partial" as const },
    ];
    expect(coverageSentences(input(partial, [], { unit: REGION }))).toEqual([
      "全县留守儿童建档率97.2%。",
      "部分学校未报送关爱工作记录。",
    ]);
  });

  it("is empty when no coverage table exists", () => {
    expect(coverageCollectionSentence(input([]))).toBeNull();
    expect(coverageSentences(input([]))).toEqual([]);
  });
});

// ---------- 关爱活动与社会关爱 ----------

describe("activitySentence", () => {
  const types = (unit = SCHOOL) =>
    table(
      "act.n.type",
      [row("亲情沟通", plain(1)), row("心理健康", plain(0)), row("节日关爱", plain(2))],
      unit,
    );

  it("gives activities by type and left-behind participants with their change", () => {
    const tables = [
      one("act.n", plain(3), undefined, REGION),
      types(REGION),
      one("act.lb", pub(2580), undefined, REGION),
    ];
    const changes = [change("act.lb", 3353, 2580, undefined, REGION)];
    expect(activitySentence(input(tables, changes, { unit: REGION }))).toBe(
      "全县共开展关爱活动3次（其中亲情沟通活动1次、节日关爱活动2次），参加活动的留守儿童共2,580人次，比上学年减少773人次。",
    );
  });

  it("has no year-on-year clause without a previous year", () => {
    const tables = [one("act.n", plain(3)), types(), one("act.lb", pub(95))];
    expect(activitySentence(input(tables))).toBe(
      "全校共开展关爱活动3次（其中亲情沟通活动1次、节日关爱活动2次），参加活动的留守儿童共95人次。",
    );
  });

  it("says fewer than k below k and leaves out participants reaching k (the reference school)", () => {
    const below = [one("act.n", plain(3)), types(), one("act.lb", sup(0, 4))];
    expect(activitySentence(input(below))).toBe(
      "全校共开展关爱活动3次（其中亲情沟通活动1次、节日关爱活动2次），参加活动的留守儿童少于5人次。",
    );
    const reaching = [one("act.n", plain(3)), types(), one("act.lb", sup(511, 551))];
    expect(activitySentence(input(reaching))).toBe(
      "全校共开展关爱活动3次（其中亲情沟通活动1次、节日关爱活动2次）。",
    );
  });

  it("says zeros in words", () => {
    expect(activitySentence(input([one("act.n", plain(0)), one("act.lb", zero)]))).toBe(
      "本学年全校没有关爱活动记录。",
    );
    expect(activitySentence(input([one("act.n", plain(1)), one("act.lb", zero)]))).toBe(
      "全校共开展关爱活动1次，没有留守儿童参加。",
    );
  });

  it("is dropped without an activity count", () => {
    expect(activitySentence(input([one("act.lb", pub(95))]))).toBeNull();
    expect(activitySentence(input([one("act.n", nc)]))).toBeNull();
  });
});

describe("socialSentence", () => {
  it("gives donations and visits, the amount in 万元, beneficiaries and their change", () => {
    const tables = [
      one("soc.n", plain(14), undefined, REGION),
      { ...one("soc.yuan", plain(301000), undefined, REGION), collected: "partial" as const },
      one("soc.beneficiaries", pub(1724), undefined, REGION),
    ];
    const changes = [change("soc.beneficiaries", 417, 1724, undefined, REGION)];
    expect(socialSentence(input(tables, changes, { unit: REGION }))).toBe(
      "全县获得社会各界捐赠、走访等关爱14次，折合金额30.1万元（部分学校未报送金额），受助留守儿童1,724人次，比上学年增加1,307人次。",
    );
  });

  it("gives an amount below 10,000 in 元 and has no change clause without a previous year", () => {
    const tables = [
      one("soc.n", plain(2)),
      one("soc.yuan", plain(8000)),
      one("soc.beneficiaries", pub(40)),
    ];
    expect(socialSentence(input(tables))).toBe(
      "全校获得社会各界捐赠、走访等关爱2次，折合金额8,000元，受助留守儿童40人次。",
    );
  });

  it("says fewer than k below k and leaves out beneficiaries reaching k", () => {
    const below = [
      one("soc.n", plain(2)),
      one("soc.yuan", plain(0)),
      one("soc.beneficiaries", sup(1, 4)),
    ];
    expect(socialSentence(input(below))).toBe(
      "全校获得社会各界捐赠、走访等关爱2次，受助留守儿童少于5人次。",
    );
    const reaching = [
      one("soc.n", plain(2)),
      one("soc.yuan", plain(500)),
      one("soc.beneficiaries", sup(6, 101)),
    ];
    expect(socialSentence(input(reaching))).toBe(
      "全校获得社会各界捐赠、走访等关爱2次，折合金额500元。",
    );
  });

  it("says zeros in words", () => {
    expect(
      socialSentence(
        input([one("soc.n", plain(0)), one("soc.yuan", plain(0)), one("soc.beneficiaries", zero)]),
      ),
    ).toBe("本学年全校没有社会捐赠、走访记录。");
    expect(socialSentence(input([one("soc.n", plain(1)), one("soc.beneficiaries", zero)]))).toBe(
      "全校获得社会各界捐赠、走访等关爱1次，没有留守儿童受助。",
    );
  });

  it("says the schools did not report an amount or beneficiaries, never zero", () => {
    const tables = [one("soc.n", plain(3)), one("soc.yuan", nc), one("soc.beneficiaries", nc)];
    expect(socialSentence(input(tables))).toBe(
      "全校获得社会各界捐赠、走访等关爱3次，学校未报送折合金额，学校未报送受助留守儿童人次。",
    );
  });

  it("is dropped without a count of donations and visits", () => {
    expect(socialSentence(input([one("soc.beneficiaries", pub(40))]))).toBeNull();
  });
});

// ---------- 统计口径 ----------

describe("definitionSentence and suppressionSentence", () => {
  it("states the definition used and the other one beside it", () => {
    expect(definitionSentence(input([]))).toBe(
      "本报告中的留守儿童按教育统计口径认定，依据学籍系统“是否留守儿童”一项，指父母一方或双方外出务工连续三个月以上、托付给其他亲属监护、在户籍所在地接受义务教育的适龄儿童；同时列出按国务院2016口径认定的留守儿童人数，依据《国务院关于加强农村留守儿童关爱保护工作的意见》（国发〔2016〕13号），指父母双方外出务工或一方外出务工另一方无监护能力、不满十六周岁的未成年人。",
    );
    expect(definitionSentence(input([], [], { def: "sc" }))).toBe(
      "本报告中的留守儿童按国务院2016口径认定，依据《国务院关于加强农村留守儿童关爱保护工作的意见》（国发〔2016〕13号），指父母双方外出务工或一方外出务工另一方无监护能力、不满十六周岁的未成年人；同时列出按教育统计口径认定的留守儿童人数，依据学籍系统“是否留守儿童”一项，指父母一方或双方外出务工连续三个月以上、托付给其他亲属监护、在户籍所在地接受义务教育的适龄儿童。",
    );
  });

  it("says what suppression means with the thresholds of the site, and the source", () => {
    expect(
      suppressionSentence(input([], [], { k: 6, kSensitive: 12, source: "某县学籍系统" })),
    ).toBe(
      "为保护儿童隐私，人数少于6人的数字（孤儿、残疾、家庭经济困难、单亲家庭等困境儿童少于12人）及可据以推算的数字不予公布，本报告中表述为“少于6人”或不予列出；与上学年的比较只在两个学年的数字均已公布时给出。数据来源：某县学籍系统。",
    );
  });
});

// ---------- the whole ----------

describe("summaryNarrative", () => {
  it("gives the reference school's summary in the sections of a work report", () => {
    const tables = [
      ...REFERENCE,
      one("lb.sc", pub(85), pct(10)),
      one("lb.sc.unknown", zero),
      table("lb.type", [
        row("单亲留守儿童", sup(77, 122), hidden),
        row("双亲留守儿童", sup(53, 98), hidden),
      ]),
      cov("建档", pub(175), pct(100)),
      cov("结对帮扶", pub(158), pct(90.3)),
      one("act.n", plain(4)),
      one("act.lb", sup(511, 551)),
      one("soc.n", plain(0)),
    ];
    const changes = [change("enr", 851, 848), change("lb.sc", 84, 85, 0.1)];
    const sections = summaryNarrative(input(tables, changes));
    expect(sections.map((s) => [s.id, s.heading, s.numbered])).toEqual([
      ["basic", "基本情况", true],
      ["work", "主要做法和成效", true],
      ["issues", "存在的问题", true],
      ["notes", "统计口径和说明", false],
    ]);
    expect(sections[0]!.paragraphs).toEqual([
      "2024-2025学年，白鹤镇中心小学共有在校学生848人，其中按教育统计口径认定的留守儿童175人（男生88人，女生87人），占在校学生总数的20.6%。在校学生人数比上学年减少3人。按国务院2016口径，全校有留守儿童85人，占在校学生总数的10.0%，比上学年上升0.1个百分点。",
    ]);
    expect(sections[1]!.paragraphs).toEqual([
      "全校留守儿童建档率100.0%；结对帮扶覆盖率90.3%。",
      "全校共开展关爱活动4次。本学年全校没有社会捐赠、走访记录。",
    ]);
    expect(sections[2]!.paragraphs).toEqual([
      "从已公布的数据看，各项关爱工作没有明显偏低或比上学年下降的项目。",
    ]);
    // Without last year's figures, nothing is said of last year.
    expect(summaryNarrative(input(tables))[2]!.paragraphs).toEqual([
      "从已公布的数据看，各项关爱工作没有明显偏低的项目。",
    ]);
    expect(sections[3]!.paragraphs).toHaveLength(2);
  });

  it("puts the bureau's own paragraphs under 下一步工作, and leaves the section out without them", () => {
    const steps = ["一是补齐短板。", "二是加强报送。"];
    const withText = summaryNarrative(input(REFERENCE), steps);
    expect(withText.find((s) => s.id === "next")).toEqual({
      id: "next",
      heading: "下一步工作",
      numbered: true,
      paragraphs: steps,
    });
    expect(summaryNarrative(input(REFERENCE)).some((s) => s.id === "next")).toBe(false);
  });

  it("leaves out a section with nothing to say", () => {
    const sections = summaryNarrative(input(REFERENCE));
    expect(sections.map((s) => s.heading)).toEqual(["基本情况", "统计口径和说明"]);
  });

  it("refuses a unit that is not in the year", () => {
    expect(() => summaryNarrative(input([], [], { unit: "nowhere" }))).toThrow("unknown unit");
  });
});

// ---------- 存在的问题 ----------

describe("存在的问题", () => {
  const region = (tables: PublishedTable[], changes: PublishedChange[] = []) =>
    input(tables, changes, { unit: REGION });

  it("names the published rates furthest below the norm, lowest first, each with its figure", () => {
    const tables = [
      cov("建档", pub(1907), pct(100), REGION),
      cov("谈心", pub(900), pct(45.5), REGION),
      cov("心理辅导", pub(108), pct(5.7), REGION),
      cov("生活照顾", pub(68), pct(3.6), REGION),
      cov("学业辅导", pub(236), pct(12.4), REGION),
      cov("体检", pub(712), pct(37.3), REGION),
    ];
    expect(weakCareSentence(region(tables))).toBe(
      "部分关爱工作覆盖面偏小。全县留守儿童中，生活照顾覆盖率仅为3.6%，心理辅导覆盖率为5.7%，学业辅导覆盖率为12.4%。",
    );
    expect(issueParagraphs(region(tables))[0]).toMatch(/^一是部分关爱工作覆盖面偏小。/);
  });

  it("says a periodic norm's rate with its norm, and a true zero as no record at all", () => {
    const tables = [
      cov("谈心", pub(900), pct(45.5), REGION),
      cov("慰问", zero, pct(0), REGION),
      cov("体检", zero, na, REGION),
    ];
    expect(weakCareSentence(region(tables))).toBe(
      "部分关爱工作覆盖面偏小。全县留守儿童中，尚无慰问记录；谈心覆盖率（按每月一次的要求计算）仅为45.5%。",
    );
  });

  it("never names a hidden or banded rate, nor a count below k", () => {
    const tables = [
      cov("心理辅导", sup(1, 4), hidden, SCHOOL),
      cov("生活照顾", sup(0, 9), { status: "band", atMost: 10 }, SCHOOL),
      cov("建档", pub(175), pct(100), SCHOOL),
    ];
    expect(weakCareSentence(input(tables))).toBeNull();
    expect(issueParagraphs(input(tables))).toEqual([
      "从已公布的数据看，各项关爱工作没有明显偏低的项目。",
    ]);
    // Nothing published at all: no analysis, and no number.
    expect(issueParagraphs(input([cov("心理辅导", sup(1, 4), hidden)]))).toEqual([
      "因人数较少，全校各项关爱工作的数字依规不予公布，无法据此分析存在的问题。",
    ]);
  });

  it("calls care records not collected a gap in the data, never a zero rate", () => {
    const none = [
      table("cov.建档", [row("", nc, na)], REGION, "none"),
      table("cov.心理辅导", [row("", nc, na)], REGION, "none"),
    ];
    expect(weakCareSentence(region(none))).toBeNull();
    expect(issueParagraphs(region(none))).toEqual([
      "一是关爱工作记录尚未报送，无法掌握各项关爱工作的开展情况。",
    ]);
    const some = [
      cov("建档", pub(1907), pct(100), REGION),
      table("cov.心理辅导", [row("", nc, na)], REGION, "none"),
    ];
    expect(gapSentence(region(some))).toBe("心理辅导记录尚未报送，数据还不完整。");
    const partial = [table("cov.建档", [row("", pub(1500), pct(80))], REGION, "partial")];
    expect(gapSentence(region(partial))).toBe("部分学校未报送关爱工作记录，数据还不完整。");
    expect(issueParagraphs(region(some)).join("")).not.toMatch(/心理辅导覆盖率|0\.0%/);
  });

  it("names the units below whose published rate lies well under the area's, never a hidden one", () => {
    const tables = [
      cov("谈心", pub(900), pct(72.6), REGION),
      cov("结对帮扶", pub(1640), pct(86), REGION),
      cov("生活照顾", pub(68), pct(70), REGION),
      cov("谈心", pub(300), pct(45.2), TOWN),
      cov("结对帮扶", pub(700), pct(85), TOWN),
      // Hidden: never compared, even though it may be lower.
      cov("谈心", sup(0, 40), hidden, TOWN2),
      cov("结对帮扶", pub(500), pct(60.5), TOWN2),
      // No norm: not compared against the area.
      cov("生活照顾", pub(10), pct(20), TOWN2),
    ];
    expect(behindSentence(region(tables))).toBe(
      "乡镇之间还不平衡。白鹤镇谈心覆盖率为45.2%（全县72.6%），石桥镇结对帮扶覆盖率为60.5%（全县86.0%），与全县水平差距较大。",
    );
    // A school has no units below; an area whose own rate is hidden compares nothing.
    expect(behindSentence(input(tables))).toBeNull();
    const hiddenArea = tables.map((t) =>
      t.id === "cov.谈心|u=region" ? cov("谈心", sup(0, 900), hidden, REGION) : t,
    );
    expect(behindSentence(region(hiddenArea))).not.toContain("谈心");
  });

  it("names falls from last year with their published change, and nothing without a previous year", () => {
    const tables = [
      cov("结对帮扶", pub(1640), pct(86), REGION),
      cov("亲情电话", pub(5000), pct(67.1), REGION),
      cov("建档", pub(1907), pct(100), REGION),
      one("act.lb", pub(2580), undefined, REGION),
      one("soc.beneficiaries", pub(1724), undefined, REGION),
    ];
    const changes = [
      change("cov.结对帮扶", 1700, 1640, -2.1, REGION),
      change("cov.亲情电话", 4000, 5000, -1.5, REGION, "已覆盖"),
      change("cov.建档", 1500, 1907, 16.8, REGION),
      change("act.lb", 3353, 2580, undefined, REGION),
      change("soc.beneficiaries", 417, 1724, undefined, REGION),
    ];
    expect(fallSentence(region(tables, changes))).toBe(
      "部分工作比上学年有所下降。结对帮扶覆盖率比上学年下降2.1个百分点，亲情电话覆盖率比上学年下降1.5个百分点，参加活动的留守儿童比上学年减少773人次。",
    );
    expect(fallSentence(region(tables))).toBeNull();
    expect(issueParagraphs(region(tables)).join("")).not.toContain("上学年");
  });
});

// ---------- no number but published ones ----------

/** The figures a random fixture draws from, by table and category. */
const FIGURES: [string, string][] = [
  ["enr", ""],
  ["lb.moe", ""],
  ["lb.sc", ""],
  ["lb.sc.unknown", ""],
  ["lb.sex", "男"],
  ["lb.sex", "女"],
  ["lb.type", "单亲留守儿童"],
  ["lb.type", "双亲留守儿童"],
  ["cov.建档", ""],
  ["cov.结对帮扶", ""],
  ["cov.谈心", "已覆盖"],
  ["cov.家访", "已覆盖"],
  ["cov.心理辅导", ""],
  ["act.lb", ""],
  ["soc.beneficiaries", ""],
];

/** Coverage of each unit below the one described. */
const CHILD_COVERAGE = FIGURES.filter(([name]) => name.startsWith("cov."));

const PLAIN: [string, string][] = [
  ["act.n", ""],
  ["act.n.type", "文体"],
  ["act.n.type", "读书"],
  ["soc.n", ""],
  ["soc.yuan", ""],
  ["sc.assessed", "可判定"],
  ["sc.assessed", "全部"],
];

const valueArb: fc.Arbitrary<PublishedValue> = fc.oneof(
  fc.integer({ min: 5, max: 20000 }).map(pub),
  fc.constant(zero),
  // Suppressed with a hidden true value: intervals below k and reaching k, open or not.
  fc
    .tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 400 }))
    .map(([lo, w]) => sup(lo, lo + w)),
  fc.integer({ min: 1, max: 4 }).map((hi) => sup(0, hi)),
  fc.constant(nc),
);

const ratioArb: fc.Arbitrary<PublishedRatio | undefined> = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((t) => pct(t / 10)),
  fc.integer({ min: 1, max: 99 }).map((x) => ({ status: "band", atLeast: x }) as const),
  fc.integer({ min: 1, max: 99 }).map((x) => ({ status: "band", atMost: x }) as const),
  fc.constant(hidden),
  fc.constant(na),
  fc.constant(undefined),
);

const changeArb = fc.option(
  fc.record({
    previous: fc.integer({ min: 0, max: 20000 }),
    points: fc.option(
      fc.integer({ min: -300, max: 300 }).map((t) => t / 10),
      { nil: undefined },
    ),
  }),
  { nil: undefined },
);

const figureArb = fc.record({ value: valueArb, ratio: ratioArb, change: changeArb });

/** Every number a sentence may print, as printed, from what was published. */
function allowedNumbers(tables: PublishedTable[], changes: PublishedChange[], k: number) {
  const allowed = new Set([String(k), "10", "2024", "2025", "2016", "13"]);
  const count = (n: number) => {
    allowed.add(formatCount(n));
    allowed.add(formatYuan(n).replace(/万?元$/, "")); // an amount in 万元
  };
  for (const t of tables) {
    for (const r of t.rows) {
      if (r.value.kind === "plain" || (r.value.kind === "count" && r.value.status === "published"))
        count(r.value.value);
      if (r.ratio?.status === "published") allowed.add(formatPercent(r.ratio.percent).slice(0, -1));
      if (r.ratio?.status === "band") allowed.add(String(r.ratio.atLeast ?? r.ratio.atMost));
    }
  }
  for (const c of changes) {
    allowed.add(formatCount(Math.abs(c.current - c.previous)));
    if (c.points !== undefined) allowed.add(Math.abs(c.points).toFixed(1));
  }
  return allowed;
}

describe("numbers in the narrative", () => {
  it("are only published figures, percentages, changes or k, whatever is suppressed, in every section", () => {
    fc.assert(
      fc.property(
        fc.array(figureArb, { minLength: FIGURES.length, maxLength: FIGURES.length }),
        fc.array(fc.integer({ min: 0, max: 500000 }), {
          minLength: PLAIN.length,
          maxLength: PLAIN.length,
        }),
        fc.constantFrom(SCHOOL, TOWN, REGION),
        // The coverage of the units below, which 存在的问题 compares with the unit's own.
        fc.array(figureArb, {
          minLength: 2 * CHILD_COVERAGE.length,
          maxLength: 2 * CHILD_COVERAGE.length,
        }),
        (figures, plains, unit, childFigures) => {
          const byTable = new Map<string, PublishedRow[]>();
          const changes: PublishedChange[] = [];
          FIGURES.forEach(([name, category], i) => {
            const f = figures[i]!;
            const rows = byTable.get(name) ?? [];
            rows.push(row(category, f.value, f.ratio));
            if (name.startsWith("cov.") && category === "已覆盖")
              rows.push(row("应覆盖", pub(999)));
            byTable.set(name, rows);
            // A change exists only between two published values.
            const v = f.value;
            if (f.change && v.kind === "count" && v.status !== "suppressed") {
              const current = v.status === "published" ? v.value : 0;
              const points = f.ratio?.status === "published" ? f.change.points : undefined;
              changes.push(
                change(name, f.change.previous, current, points ?? undefined, unit, category),
              );
            }
          });
          PLAIN.forEach(([name, category], i) => {
            const rows = byTable.get(name) ?? [];
            rows.push(row(category, plain(plains[i]!)));
            byTable.set(name, rows);
          });
          const tables = [...byTable].map(([name, rows]) => table(name, rows, unit));
          const children = UNITS.find((u) => u.id === unit)!.children;
          children.forEach((child, c) => {
            CHILD_COVERAGE.forEach(([name, category], i) => {
              const f = childFigures[c * CHILD_COVERAGE.length + i]!;
              const rows = [row(category, f.value, f.ratio)];
              if (category === "已覆盖") rows.push(row("应覆盖", pub(999)));
              tables.push(table(name, rows, child));
            });
          });
          const text = summaryNarrative(input(tables, changes, { unit }), ["一是加强督导。"])
            .flatMap((s) => [s.heading, ...s.paragraphs])
            .join("\n");
          const allowed = allowedNumbers(tables, changes, 5);
          for (const n of text.match(/\d[\d,.]*\d|\d/g) ?? []) {
            expect(allowed.has(n), `${n} in ${text}`).toBe(true);
          }
          expect(text).not.toMatch(/(^|[^\d,])0人/);
          expect(text).not.toContain("未采集");
          // Full-width punctuation only: ASCII marks appear inside numbers and nowhere else.
          expect(text.replace(/\d[\d,.]*\d/g, "")).not.toMatch(/[,.;:()!?]/);
        },
      ),
      { numRuns: 300, seed: 6 },
    );
  });
});

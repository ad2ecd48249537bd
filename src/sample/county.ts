/**
 * The layout of the synthetic county: one 区县, 5–8 乡镇 (a 街道 for the county town, then
 * 镇 and 乡), and its schools with their size, urban–rural code and left-behind rate.
 */
import type { Level } from "./grades.ts";
import { gradesOf } from "./grades.ts";
import type { Rng } from "./random.ts";
import { REFERENCE_SCHOOL } from "./referenceSchool.ts";

/** 城乡分类代码 used by the sample (data contract §3). */
export type UrbanRural = "111" | "112" | "121" | "122" | "210" | "220";

export type TownshipKind = "街道" | "镇" | "乡";

export interface Township {
  readonly name: string;
  readonly kind: TownshipKind;
  /** Approximate centre, for photo GPS tags. */
  readonly lat: number;
  readonly lon: number;
}

/** What a school is in the county, which drives its size and exports. */
export type SchoolRole =
  | "city-primary"
  | "city-junior"
  | "reference"
  | "central"
  | "junior"
  | "nine-year"
  | "second-primary"
  | "village"
  | "teaching-point";

export interface SampleSchool {
  readonly id: string;
  readonly name: string;
  readonly township: string;
  readonly level: Level;
  readonly urbanRural: UrbanRural;
  readonly role: SchoolRole;
  /** Target pupils per grade, in the order of `gradesOf(level)`. */
  readonly gradeSizes: readonly number[];
  /** Parallel classes per grade (1 for a 教学点's mixed class). */
  readonly classesPerGrade: number;
  /** Left-behind share in the newest year (education definition). */
  readonly leftBehindRate: number;
  readonly hasCareHome: boolean;
  readonly hasCounselingRoom: boolean;
  /** How thoroughly the school records care work, 0…1. */
  readonly diligence: number;
  readonly lat: number;
  readonly lon: number;
}

export interface County {
  readonly name: string;
  /** Six-digit area code used in pupils' ID numbers. */
  readonly areaCode: string;
  readonly publisher: string;
  readonly townships: readonly Township[];
  readonly schools: readonly SampleSchool[];
  /** Village names per township, for addresses. */
  readonly villages: ReadonlyMap<string, readonly string[]>;
}

export interface LayoutOptions {
  /** Approximate number of schools (at least 12). */
  readonly schools: number;
  /** Approximate pupils in the county in the newest year. */
  readonly students: number;
}

export const COUNTY_NAME = "青岚县";
const AREA_CODE = "513927";
const CENTRE = { lat: 31.62, lon: 106.91 };

const TOWN_NAMES = ["白鹤镇", "龙泉镇", "石桥镇", "双河镇", "新场镇"] as const;
const XIANG_NAMES = ["青山乡", "柳溪乡", "高峰乡"] as const;
const VILLAGE_FIRST = [..."石金银青白黄红新大高龙凤马鹿桃柳松竹梅兰水云山河田平杨柏桂茶"];
const VILLAGE_SECOND = [..."坪岭湾坝沟桥林塘岩溪口庙垭堡台园坡湖泉滩"];

/** Base left-behind rate by urban–rural code and level, before school-level jitter. */
function baseRate(code: UrbanRural, level: Level): number {
  const byCode: Record<UrbanRural, number> = {
    "111": 0.06,
    "112": 0.1,
    "121": 0.2,
    "122": 0.26,
    "210": 0.32,
    "220": 0.4,
  };
  // Junior schools draw pupils from the villages around them.
  const juniorLift = level === "初中" || level === "九年一贯制" ? 0.03 : 0;
  return byCode[code] + juniorLift;
}

interface Plan {
  name: string;
  township: Township;
  level: Level;
  code: UrbanRural;
  role: SchoolRole;
  /** Relative size; ignored for the fixed-size schools. */
  weight: number;
}

function townships(count: number): Township[] {
  const towns = Math.ceil((count - 1) * 0.6);
  const names: [string, TownshipKind][] = [["锦城街道", "街道"]];
  for (let i = 0; i < towns; i++) names.push([TOWN_NAMES[i] as string, "镇"]);
  for (let i = 0; i < count - 1 - towns; i++) names.push([XIANG_NAMES[i] as string, "乡"]);
  return names.map(([name, kind], i) => {
    const angle = (i / count) * 2 * Math.PI;
    const r = i === 0 ? 0 : 0.08 + 0.02 * (i % 3);
    return {
      name,
      kind,
      lat: +(CENTRE.lat + r * Math.sin(angle)).toFixed(4),
      lon: +(CENTRE.lon + r * Math.cos(angle)).toFixed(4),
    };
  });
}

/** Township names without 镇/乡/街道, which a village must not share. */
const TAKEN = new Set([...TOWN_NAMES, ...XIANG_NAMES, "锦城街道"].map((n) => n.slice(0, 2)));

function villageNames(rng: Rng, count: number): string[] {
  const all: string[] = [];
  for (const a of VILLAGE_FIRST)
    for (const b of VILLAGE_SECOND) if (a !== b && !TAKEN.has(a + b)) all.push(a + b);
  return rng.shuffle(all).slice(0, count);
}

function plans(rng: Rng, nSchools: number, ts: Township[]): Plan[] {
  const city = ts[0] as Township;
  const towns = ts.filter((t) => t.kind === "镇");
  const xiangs = ts.filter((t) => t.kind === "乡");
  const p = (
    name: string,
    township: Township,
    level: Level,
    code: UrbanRural,
    role: SchoolRole,
    weight: number,
  ): Plan => ({ name, township, level, code, role, weight });

  const mandatory: Plan[] = [
    p(`${COUNTY_NAME}实验小学`, city, "小学", "111", "city-primary", 2000),
    p(`${COUNTY_NAME}城关中学`, city, "初中", "111", "city-junior", 1800),
  ];
  const optional: Plan[] = [];
  towns.forEach((t, i) => {
    if (i === 0) {
      mandatory.push(p(REFERENCE_SCHOOL.name, t, "小学", "121", "reference", 0));
      optional.push(p(`${t.name}初级中学`, t, "初中", "121", "junior", 700));
    } else if (i === 1) {
      mandatory.push(p(`${t.name}九年一贯制学校`, t, "九年一贯制", "121", "nine-year", 900));
      optional.push(p(`${t.name}第二小学`, t, "小学", "122", "second-primary", 350));
    } else {
      mandatory.push(p(`${t.name}中心小学`, t, "小学", "121", "central", 550));
      optional.push(p(`${t.name}初级中学`, t, "初中", "121", "junior", 600));
    }
  });
  xiangs.forEach((t, i) => {
    if (i === 0)
      mandatory.push(p(`${t.name}九年一贯制学校`, t, "九年一贯制", "210", "nine-year", 450));
    else mandatory.push(p(`${t.name}中心小学`, t, "小学", "210", "central", 280));
  });
  optional.splice(1, 0, p(`${COUNTY_NAME}第二小学`, city, "小学", "111", "city-primary", 1500));
  optional.splice(2, 0, p(`${COUNTY_NAME}锦城小学`, city, "小学", "112", "city-primary", 900));

  // Two 教学点 in the most remote 乡 (or one each in the last two).
  const remote = xiangs.length >= 2 ? xiangs.slice(-2) : [xiangs[0], xiangs[0]];
  const villages = villageNames(rng, nSchools + 2);
  let v = 0;
  const nextVillage = () => villages[v++] as string;
  for (const t of remote) {
    if (!t) throw new Error("no 乡 for the teaching points");
    mandatory.push(p(`${t.name}${nextVillage()}村教学点`, t, "教学点", "220", "teaching-point", 0));
  }

  const chosen = [...mandatory, ...optional.slice(0, Math.max(0, nSchools - mandatory.length))];
  // The rest are village schools, spread over the townships (few in the county town).
  const homes = ts.flatMap((t) =>
    t.kind === "街道" ? [t] : t.kind === "镇" ? [t, t, t, t, t] : [t, t, t, t],
  );
  for (let i = 0; chosen.length < nSchools; i++) {
    const t = homes[(i * 7) % homes.length] as Township;
    const code: UrbanRural =
      t.kind === "街道" ? "112" : t.kind === "镇" && rng.chance(0.2) ? "122" : "220";
    chosen.push(p(`${t.name}${nextVillage()}村小学`, t, "小学", code, "village", rng.int(60, 180)));
  }
  return chosen;
}

const TYPE_CODE: Record<Level, string> = { 小学: "21", 教学点: "21", 初中: "31", 九年一贯制: "31" };

/** Splits a school size over its grades; older cohorts are slightly larger (births fell). */
function splitGrades(level: Level, size: number): number[] {
  const grades = gradesOf(level);
  const mid = (grades.length - 1) / 2;
  const raw = grades.map((_, i) => 1 + 0.03 * (i - mid));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => Math.max(1, Math.round((size * r) / sum)));
}

/**
 * Lays out the county. Deterministic for a given random stream and options; the reference
 * school is always present with its fixed id and name.
 */
export function layoutCounty(opts: LayoutOptions, rng: Rng): County {
  if (opts.schools < 12) throw new Error(`too few schools: ${opts.schools}`);
  const ts = townships(Math.min(8, Math.max(5, Math.round(opts.schools / 6))));
  const chosen = plans(rng.fork("plans"), opts.schools, ts);

  const fixedTotal = REFERENCE_SCHOOL.pupils + 2 * 8;
  const scalable = chosen.filter((c) => c.weight > 0);
  const weights = scalable.map((c) => c.weight * (0.85 + 0.3 * rng.next()));
  const factor = Math.max(0.05, (opts.students - fixedTotal) / weights.reduce((a, b) => a + b, 0));

  const serials = new Map<string, number>();
  const schools = chosen.map((c): SampleSchool => {
    const tIndex = ts.indexOf(c.township);
    let id: string;
    if (c.role === "reference") id = REFERENCE_SCHOOL.id;
    else {
      // Serial numbers run per township (0101…, 0201…); 0201 is the reference school's.
      const next = (serials.get(c.township.name) ?? (tIndex === 1 ? 1 : 0)) + 1;
      serials.set(c.township.name, next);
      id = `${TYPE_CODE[c.level]}5127${String((tIndex + 1) * 100 + next).padStart(4, "0")}`;
    }

    let gradeSizes: number[];
    let classesPerGrade: number;
    let rate: number;
    if (c.role === "reference") {
      gradeSizes = [...REFERENCE_SCHOOL.gradeSizes];
      classesPerGrade = REFERENCE_SCHOOL.classes / gradeSizes.length;
      rate = REFERENCE_SCHOOL.leftBehind / REFERENCE_SCHOOL.pupils;
    } else if (c.role === "teaching-point") {
      gradeSizes = [rng.int(2, 3), rng.int(1, 3), rng.int(2, 3)];
      classesPerGrade = 1;
      rate = 0.4;
    } else {
      const i = scalable.indexOf(c);
      const size = Math.max(c.role === "village" ? 30 : 60, (weights[i] as number) * factor);
      gradeSizes = splitGrades(c.level, size);
      const maxClass = c.code === "220" ? 40 : 48;
      classesPerGrade = Math.max(1, Math.ceil(Math.max(...gradeSizes) / maxClass));
      rate = Math.min(0.55, Math.max(0.02, baseRate(c.code, c.level) + rng.normal(0, 0.025)));
    }
    const size = gradeSizes.reduce((a, b) => a + b, 0);
    return {
      id,
      name: c.name,
      township: c.township.name,
      level: c.level,
      urbanRural: c.code,
      role: c.role,
      gradeSizes,
      classesPerGrade,
      leftBehindRate: +rate.toFixed(4),
      hasCareHome:
        c.role !== "teaching-point" && (rate * size >= 40 ? rng.chance(0.9) : rng.chance(0.2)),
      hasCounselingRoom: size >= 500 || (size >= 150 && rng.chance(0.5)),
      diligence: c.role === "reference" ? 0.9 : +(0.55 + 0.43 * rng.next()).toFixed(3),
      lat: +(c.township.lat + rng.normal(0, 0.01)).toFixed(5),
      lon: +(c.township.lon + rng.normal(0, 0.01)).toFixed(5),
    };
  });

  const villages = new Map<string, string[]>();
  const pool = villageNames(rng.fork("addresses"), ts.length * 8);
  ts.forEach((t, i) => villages.set(t.name, pool.slice(i * 8, i * 8 + 8)));
  return {
    name: COUNTY_NAME,
    areaCode: AREA_CODE,
    publisher: `${COUNTY_NAME}教育局`,
    townships: ts,
    schools,
    villages,
  };
}

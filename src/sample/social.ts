/**
 * Social support (社会关爱, data contract §6): donations and visits by public bodies and
 * firms. Amounts come written the way offices write them: "12000", "1.2万", "12,000".
 */
import type { County } from "./county.ts";
import { randomDate } from "./dates.ts";
import type { Pupil } from "./pupil.ts";
import type { Rng } from "./random.ts";
import type { SchoolYear } from "./schoolYear.ts";

interface Donor {
  readonly name: string;
  readonly items: readonly string[];
  /** Amount range in yuan, in steps of 500; null for visits without goods. */
  readonly amount: readonly [number, number] | null;
  readonly countyWide?: boolean;
}

const DONORS = (county: string): readonly Donor[] => [
  { name: `${county}妇联`, items: ["“春蕾计划”助学金", "女童安全包"], amount: [5000, 30000] },
  { name: "团县委", items: ["“希望工程”圆梦助学金", "图书角图书"], amount: [5000, 20000] },
  { name: "县关工委", items: ["走访慰问留守儿童"], amount: null },
  { name: "县慈善会", items: ["冬衣和棉被", "爱心午餐补助"], amount: [8000, 40000] },
  { name: "县红十字会", items: ["急救知识培训和急救包"], amount: [2000, 6000] },
  { name: "锦城爱心协会", items: ["图书和文具", "“微心愿”礼物"], amount: [3000, 12000] },
  { name: "蜀丰农业有限公司", items: ["书包和学习用品", "体育器材"], amount: [10000, 50000] },
  { name: "龙泉镇商会", items: ["爱心午餐补助", "取暖器和棉鞋"], amount: [6000, 20000] },
  { name: "县人民医院", items: ["义诊和健康讲座"], amount: null },
  {
    name: `${county}教育基金会`,
    items: ["留守儿童关爱专项资金"],
    amount: [50000, 120000],
    countyWide: true,
  },
];

export interface SocialRecord {
  readonly date: string;
  readonly schoolId: string;
  readonly county: string;
  readonly donor: string;
  readonly items: string;
  /** As written: "12000", "1.2万", "12,000", or "" for a visit. */
  readonly amount: string;
  /** null when not reported. */
  readonly beneficiaries: number | null;
}

/** An amount in yuan written as an office would. */
export function writeAmount(yuan: number, style: "plain" | "wan" | "comma"): string {
  if (style === "wan" && yuan % 1000 === 0) return `${yuan / 10000}万`;
  if (style === "comma") return String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return String(yuan);
}

/** The social support records of a school year, sorted by date. */
export function socialRecords(
  rng: Rng,
  county: County,
  year: SchoolYear,
  bySchool: ReadonlyMap<string, readonly Pupil[]>,
  until: string,
): SocialRecord[] {
  const s = rng.fork("social", year.label);
  const lbOf = (id: string) =>
    (bySchool.get(id) ?? []).filter((p) => p.family.leftBehind > 0).length;
  const schools = county.schools.filter((x) => x.role !== "teaching-point" && lbOf(x.id) >= 10);
  const out: SocialRecord[] = [];
  for (const donor of DONORS(county.name)) {
    const times = donor.countyWide ? 1 : s.int(1, 2);
    for (let k = 0; k < times; k++) {
      const date = randomDate(s, year.firstDay, until < year.lastDay ? until : year.lastDay);
      const school = donor.countyWide ? null : s.pick(schools);
      const lb = school ? lbOf(school.id) : [...bySchool.keys()].reduce((n, id) => n + lbOf(id), 0);
      // Styles rotate so that every year has each; "万" amounts are whole thousands.
      const style = (["plain", "wan", "plain", "comma"] as const)[out.length % 4] ?? "plain";
      const raw = donor.amount ? 500 * s.int(donor.amount[0] / 500, donor.amount[1] / 500) : null;
      const yuan =
        raw !== null && style === "wan" ? Math.max(1000, Math.round(raw / 1000) * 1000) : raw;
      out.push({
        date,
        schoolId: school?.id ?? "",
        county: school ? "" : county.name,
        donor: donor.name,
        items: s.pick(donor.items),
        amount: yuan === null ? "" : writeAmount(yuan, style),
        beneficiaries: s.chance(0.1) ? null : Math.max(1, Math.round(lb * (0.3 + 0.7 * s.next()))),
      });
    }
  }
  const key = (r: SocialRecord) => `${r.date}|${r.schoolId}|${r.donor}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The header and rows of social.csv. */
export function socialTable(list: readonly SocialRecord[]): { header: string[]; rows: string[][] } {
  return {
    header: ["日期", "学校标识码", "区县", "单位", "内容", "折合金额", "受助留守儿童人数"],
    rows: list.map((r) => [
      r.date,
      r.schoolId,
      r.county,
      r.donor,
      r.items,
      r.amount,
      r.beneficiaries === null ? "" : String(r.beneficiaries),
    ]),
  };
}

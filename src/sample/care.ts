/**
 * Care records (关爱记录) for the left-behind pupils of one school in one year. Better
 * schools come close to the norms (建档 and 结对帮扶 once, 谈心 and 亲情电话 monthly in
 * school months, 家访 each term); none meets them perfectly, and records got better over
 * the years.
 */
import type { CareType } from "../pipeline/validate/siteConfig.ts";
import type { SampleSchool } from "./county.ts";
import { daysInMonth, isoDate, randomDate, toSchoolDay } from "./dates.ts";
import type { Pupil } from "./pupil.ts";
import type { Rng } from "./random.ts";
import { schoolMonths, type SchoolYear } from "./schoolYear.ts";
import { schoolStaff } from "./staff.ts";

export interface CareRecord {
  readonly date: string;
  readonly schoolId: string;
  readonly studentNo: string;
  readonly type: CareType;
  readonly staff: string;
  readonly note: string;
}

const NOTES: Record<CareType, readonly string[]> = {
  建档: ["建立留守儿童档案", "更新档案信息", "核实父母务工地和联系方式", "更新监护人信息"],
  结对帮扶: ["确定结对帮扶教师", "一对一结对帮扶", "签订结对帮扶卡"],
  谈心: [
    "情绪稳定，学习积极",
    "想念外出务工的父母，已安抚",
    "与同学相处融洽",
    "近期作业完成较好",
    "性格内向，鼓励多参加集体活动",
    "成绩有进步，予以表扬",
    "上课注意力不集中，已提醒",
  ],
  亲情电话: [
    "与母亲视频通话约15分钟",
    "与父亲通话，询问学习情况",
    "在亲情室与父母视频",
    "父母叮嘱注意安全",
    "父母打算春节回家",
  ],
  家访: [
    "祖辈身体尚可，能照顾生活",
    "居住条件一般，已提醒注意用电安全",
    "与监护人交流学习和安全情况",
    "老人行动不便，已联系村委会关注",
    "监护人反映孩子在家较听话",
    "提醒监护人假期注意防溺水",
  ],
  心理辅导: ["心理老师个别辅导", "情绪低落，进行疏导", "沙盘游戏辅导"],
  学业辅导: ["数学课后辅导", "语文阅读辅导", "作业辅导", "英语单词辅导"],
  体检: ["参加统一健康体检", "视力检查", "身高体重测量"],
  慰问: ["中秋节送月饼", "春节前送慰问品", "赠送学习用品", "赠送冬衣"],
  生活照顾: ["帮助整理宿舍内务", "天冷添加衣被", "生病时陪同就医", "帮助清洗衣物"],
};

function note(rng: Rng, type: CareType, emptyShare: number): string {
  return rng.chance(emptyShare) ? "" : rng.pick(NOTES[type]);
}

/** A random date in a calendar month, optionally moved to a school day of that month. */
function dayIn(rng: Rng, year: number, month: number, schoolDay: boolean): string {
  const last = daysInMonth(year, month);
  const d = isoDate(year, month, rng.int(1, last));
  return schoolDay ? toSchoolDay(d, isoDate(year, month, 1), isoDate(year, month, last)) : d;
}

/** A random school day in [from, to]. */
function schoolDayIn(rng: Rng, from: string, to: string): string {
  return toSchoolDay(randomDate(rng, from, to), from, to);
}

export interface CareOptions {
  /** Years before the newest: records were sparser earlier. */
  readonly yearsBack: number;
  /** No record after this date (the data date of the newest year). */
  readonly until: string;
}

/**
 * The care records of one school in one year, sorted by date. Only left-behind pupils on
 * that year's roster get records.
 */
export function careRecords(
  rng: Rng,
  school: SampleSchool,
  pupils: readonly Pupil[],
  year: SchoolYear,
  opts: CareOptions,
): CareRecord[] {
  // Weaker schools kept no digital records at all in earlier years.
  if (opts.yearsBack > 0 && school.diligence < 0.6) return [];
  const d = school.diligence * Math.max(0.55, 1 - 0.18 * opts.yearsBack);
  const staff = schoolStaff(rng, school, year);
  const s = rng.fork("care", school.id, year.label);
  const records: CareRecord[] = [];
  const y0 = year.start;
  const y1 = year.start + 1;

  // School-wide events recorded for every left-behind pupil present that day.
  const checkupDay = s.chance(0.4) ? schoolDayIn(s, `${y0}-10-08`, `${y0}-11-20`) : null;
  const midAutumn = s.chance(0.5) ? schoolDayIn(s, `${y0}-09-15`, `${y0}-09-28`) : null;
  const springFestival = s.chance(0.5) ? schoolDayIn(s, `${y1}-01-10`, `${y1}-01-20`) : null;

  for (const p of pupils) {
    if (p.family.leftBehind === 0) continue;
    const seen = new Set<string>();
    const add = (date: string, type: CareType, who: string, emptyNote = 0.5) => {
      // One record per child, type and day: an exact duplicate would be a warning.
      const key = `${date}|${type}`;
      if (date > opts.until || seen.has(key)) return;
      seen.add(key);
      records.push({
        date,
        schoolId: school.id,
        studentNo: p.no,
        type,
        staff: who,
        note: note(s, type, emptyNote),
      });
    };
    const teacher = staff.headTeacher(p.grade, p.classNo);
    if (s.chance(0.9 + 0.09 * d))
      add(schoolDayIn(s, `${y0}-09-01`, `${y0}-09-30`), "建档", teacher, 0.3);
    if (s.chance(0.6 + 0.35 * d))
      add(schoolDayIn(s, `${y0}-09-05`, `${y0}-10-20`), "结对帮扶", teacher, 0.3);
    // Monthly work was logged less often before the county asked for it (older years).
    const monthly = Math.max(0.5, 1 - 0.3 * opts.yearsBack);
    for (const [y, m] of schoolMonths(year)) {
      if (s.chance((0.35 + 0.5 * d) * monthly)) add(dayIn(s, y, m, true), "谈心", teacher, 0.7);
      if (s.chance((0.25 + 0.55 * d) * monthly))
        add(dayIn(s, y, m, true), "亲情电话", teacher, 0.6);
    }
    if (s.chance(0.5 + 0.45 * d))
      add(randomDate(s, `${y0}-10-08`, `${y1}-01-10`), "家访", teacher, 0.2);
    if (s.chance(0.4 + 0.45 * d))
      add(randomDate(s, `${y1}-03-01`, `${y1}-06-30`), "家访", teacher, 0.2);
    const troubled = p.family.carer === "无人照护" || p.family.carer === "其他";
    if (s.chance(troubled ? 0.5 : 0.05)) {
      const [y, m] = s.pick(schoolMonths(year));
      add(dayIn(s, y, m, true), "心理辅导", staff.counsellor, 0.2);
    }
    if (s.chance(0.12)) {
      const months = s.shuffle(schoolMonths(year)).slice(0, s.int(1, 3));
      for (const [y, m] of months) add(dayIn(s, y, m, true), "学业辅导", teacher, 0.7);
    }
    if (checkupDay && s.chance(0.9)) add(checkupDay, "体检", staff.doctor, 0.5);
    if (midAutumn && s.chance(0.7)) add(midAutumn, "慰问", staff.principal, 0.2);
    if (springFestival && s.chance(0.7)) add(springFestival, "慰问", staff.principal, 0.2);
    if (p.boarding && s.chance(0.3)) {
      const [y, m] = s.pick(schoolMonths(year));
      add(dayIn(s, y, m, false), "生活照顾", teacher);
    }
  }
  // Code-unit order, not locale order, so that the output never depends on ICU data.
  const key = (r: CareRecord) => `${r.date}|${r.studentNo}|${r.type}`;
  return records.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

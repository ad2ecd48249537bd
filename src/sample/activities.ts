/**
 * Activities (data contract §6): a few per school per year (not every school), a couple
 * across the county, some with photos, most photos with guardian consent.
 */
import { ACTIVITY_TYPES, type ActivityType } from "../pipeline/validate/values.ts";
import type { County, SampleSchool } from "./county.ts";
import { randomDate, toSchoolDay } from "./dates.ts";
import type { Pupil } from "./pupil.ts";
import type { Rng } from "./random.ts";
import type { SchoolYear } from "./schoolYear.ts";

/** 活动类型 of the data contract, as the validator accepts them. */
export { ACTIVITY_TYPES, type ActivityType };

interface Template {
  readonly title: string;
  readonly type: ActivityType;
  readonly summary: string;
  /** Window as month-day pairs, e.g. ["09-10", "09-28"]; across the new year is allowed. */
  readonly window: readonly [string, string];
  /** Share of the school's left-behind pupils who take part. */
  readonly reach: readonly [number, number];
}

const TEMPLATES: readonly Template[] = [
  {
    title: "“连线爸妈”亲情视频活动",
    type: "亲情沟通",
    summary: "学校开通亲情视频室，组织留守儿童与在外务工的父母视频通话，班主任在旁陪伴。",
    window: ["10-08", "11-30"],
    reach: [0.5, 0.9],
  },
  {
    title: "“阳光心灵”心理健康团体辅导",
    type: "心理健康",
    summary: "心理老师组织团体辅导游戏，帮助孩子们学会表达情绪、结交朋友。",
    window: ["03-10", "05-20"],
    reach: [0.3, 0.6],
  },
  {
    title: "课后托管与作业辅导",
    type: "学业辅导",
    summary: "放学后由老师轮流值班，辅导留守儿童完成当天作业。",
    window: ["09-15", "12-20"],
    reach: [0.4, 0.8],
  },
  {
    title: "“书香伴成长”读书分享会",
    type: "读书",
    summary: "孩子们分享自己喜欢的课外书，学校向留守儿童赠送图书。",
    window: ["04-10", "04-28"],
    reach: [0.4, 0.9],
  },
  {
    title: "留守儿童趣味运动会",
    type: "文体",
    summary: "设置跳绳、拔河、接力等项目，留守儿童和同学们一起参加。",
    window: ["10-15", "11-15"],
    reach: [0.7, 1],
  },
  {
    title: "乡村少年宫兴趣小组",
    type: "兴趣培养",
    summary: "开设书法、绘画、剪纸等兴趣小组，留守儿童优先报名。",
    window: ["03-01", "03-31"],
    reach: [0.3, 0.6],
  },
  {
    title: "防溺水安全教育",
    type: "安全教育",
    summary: "邀请派出所民警讲解防溺水和交通安全知识，向监护人发放安全提示。",
    window: ["05-20", "06-25"],
    reach: [0.8, 1],
  },
  {
    title: "“浓情中秋”关爱留守儿童活动",
    type: "节日关爱",
    summary: "老师和孩子们一起做月饼、猜灯谜，为留守儿童送上节日祝福。",
    window: ["09-12", "09-28"],
    reach: [0.6, 1],
  },
  {
    title: "“温暖冬至”包饺子活动",
    type: "节日关爱",
    summary: "师生一起包饺子过冬至，让留守儿童感受集体的温暖。",
    window: ["12-20", "12-23"],
    reach: [0.6, 1],
  },
  {
    title: "“六一”儿童节关爱活动",
    type: "节日关爱",
    summary: "举行文艺表演，为留守儿童赠送学习用品。",
    window: ["05-29", "06-01"],
    reach: [0.8, 1],
  },
  {
    title: "走进农业园区社会实践",
    type: "社会实践",
    summary: "组织学生参观现代农业园区，体验采摘劳动，了解家乡发展。",
    window: ["04-15", "05-15"],
    reach: [0.2, 0.5],
  },
  {
    title: "留守儿童健康体检",
    type: "健康体检",
    summary: "联系乡镇卫生院为留守儿童免费体检，结果反馈给监护人。",
    window: ["10-10", "11-20"],
    reach: [0.8, 1],
  },
  {
    title: "“代理家长”结对见面会",
    type: "其他",
    summary: "代理家长与结对的留守儿童见面，互赠小礼物，约定每月谈心。",
    window: ["09-15", "10-15"],
    reach: [0.5, 1],
  },
];

const COUNTY_TEMPLATES: readonly Template[] = [
  {
    title: "全县留守儿童“快乐暑假”夏令营",
    type: "社会实践",
    summary: "县教育局联合团县委组织留守儿童参观科技馆和博物馆，开展团队拓展活动。",
    window: ["07-08", "07-20"],
    reach: [0, 0],
  },
  {
    title: "“春蕾”读书征文活动",
    type: "读书",
    summary: "县妇联和县教育局面向全县留守儿童开展读书征文，优秀作品结集展示。",
    window: ["03-15", "04-30"],
    reach: [0, 0],
  },
];

export interface PhotoSpec {
  /** File name under photos/. */
  readonly fileName: string;
  readonly date: string;
  readonly lat: number;
  readonly lon: number;
  /** Seed for the picture itself. */
  readonly seed: number;
}

export interface Activity {
  readonly date: string;
  /** Empty for a county-wide activity. */
  readonly schoolId: string;
  /** Filled for a county-wide activity. */
  readonly county: string;
  readonly title: string;
  readonly type: ActivityType;
  readonly lbParticipants: number;
  /** null when the school did not report it (optional column). */
  readonly participants: number | null;
  readonly summary: string;
  readonly photos: readonly PhotoSpec[];
  /** "是", "否", or "" when there are no photos. */
  readonly consent: "是" | "否" | "";
}

/** The date of a template's window in a school year. */
function dateIn(rng: Rng, year: SchoolYear, window: readonly [string, string]): string {
  const inYear = (md: string) => `${md >= "09-01" ? year.start : year.start + 1}-${md}`;
  const [from, to] = [inYear(window[0]), inYear(window[1])];
  return toSchoolDay(randomDate(rng, from, to), from, to);
}

function compact(date: string): string {
  return date.replaceAll("-", "");
}

export interface ActivityOptions {
  /** No activity after this date. */
  readonly until: string;
  /** Cap on photos in the year (keeps the sample small). */
  readonly maxPhotos: number;
}

/** The activities of a school year, sorted by date. */
export function activities(
  rng: Rng,
  county: County,
  year: SchoolYear,
  bySchool: ReadonlyMap<string, readonly Pupil[]>,
  opts: ActivityOptions,
): Activity[] {
  const s = rng.fork("activities", year.label);
  const out: Activity[] = [];
  let photos = 0;
  const withPhotos = (date: string, owner: string, lat: number, lon: number) => {
    if (photos >= opts.maxPhotos || !s.chance(0.35)) return [];
    const n = Math.min(opts.maxPhotos - photos, s.int(1, 2));
    const first = photos + 1;
    photos += n;
    // Numbered through the year, so two activities on one day never share a file name.
    return Array.from({ length: n }, (_, k) => ({
      fileName: `${compact(date)}-${owner}-${String(first + k).padStart(2, "0")}.jpg`,
      date,
      lat: +(lat + s.normal(0, 0.002)).toFixed(5),
      lon: +(lon + s.normal(0, 0.002)).toFixed(5),
      seed: s.int(0, 2 ** 31),
    }));
  };

  const schools: SampleSchool[] = county.schools.filter((school) => {
    // Small schools report fewer activities; the reference school always reports.
    if (school.role === "reference") return true;
    return s.chance(school.role === "teaching-point" ? 0.5 : 0.7);
  });
  for (const school of schools) {
    const pupils = bySchool.get(school.id) ?? [];
    const lb = pupils.filter((p) => p.family.leftBehind > 0).length;
    if (lb === 0) continue;
    const count =
      school.role === "reference" ? 4 : school.role === "teaching-point" ? 1 : s.int(1, 4);
    for (const t of s.shuffle([...TEMPLATES]).slice(0, count)) {
      const date = dateIn(s, year, t.window);
      if (date > opts.until) continue;
      const lbParticipants = Math.max(
        1,
        Math.round(lb * (t.reach[0] + s.next() * (t.reach[1] - t.reach[0]))),
      );
      const others = pupils.length - lb;
      const participants = s.chance(0.1)
        ? null
        : lbParticipants + Math.round(others * (t.reach[0] / 2) * s.next());
      const ph = withPhotos(date, school.id, school.lat, school.lon);
      out.push({
        date,
        schoolId: school.id,
        county: "",
        title: t.title,
        type: t.type,
        lbParticipants,
        participants,
        summary: t.summary,
        photos: ph,
        consent: ph.length === 0 ? "" : s.chance(0.8) ? "是" : "否",
      });
    }
  }

  const countyLb = [...bySchool.values()].flat().filter((p) => p.family.leftBehind > 0).length;
  for (const t of COUNTY_TEMPLATES) {
    const date = dateIn(s, year, t.window);
    if (date > opts.until) continue;
    const lbParticipants = Math.min(countyLb, s.int(80, 200));
    const centre = county.townships[0];
    const ph = withPhotos(date, "county", centre?.lat ?? 0, centre?.lon ?? 0);
    out.push({
      date,
      schoolId: "",
      county: county.name,
      title: t.title,
      type: t.type,
      lbParticipants,
      participants: lbParticipants + s.int(20, 80),
      summary: t.summary,
      photos: ph,
      consent: ph.length === 0 ? "" : "是",
    });
  }
  const key = (a: Activity) => `${a.date}|${a.schoolId}|${a.title}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The header and rows of activities.csv. */
export function activitiesTable(list: readonly Activity[]): { header: string[]; rows: string[][] } {
  const header = [
    "日期",
    "学校标识码",
    "区县",
    "活动名称",
    "活动类型",
    "参与留守儿童人数",
    "参与总人数",
    "简介",
    "照片",
    "照片已获监护人同意",
  ];
  const rows = list.map((a) => [
    a.date,
    a.schoolId,
    a.county,
    a.title,
    a.type,
    String(a.lbParticipants),
    a.participants === null ? "" : String(a.participants),
    a.summary,
    a.photos.map((p) => p.fileName).join(";"),
    a.consent,
  ]);
  return { header, rows };
}

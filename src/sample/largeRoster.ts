/**
 * A large, valid roster for benchmarks, streamed to disk in batches with backpressure so
 * that memory stays flat whatever the row count (1,000,000 rows ≈ 150 MB in a few seconds).
 * Every 学籍号 is unique by construction, not by remembering the ones already issued.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { COUNTY_NAME } from "./county.ts";
import { csvText } from "./csv.ts";
import { addDays, dayNumber, isoDate } from "./dates.ts";
import { className, gradeLabel } from "./grades.ts";
import { childName } from "./names.ts";
import { Rng } from "./random.ts";
import { NEWEST_YEAR_START } from "./schoolYear.ts";
import { sampleSiteConfig, siteJsonText } from "./siteJson.ts";

export interface LargeRosterOptions {
  /** Number of roster rows. */
  readonly rows: number;
  readonly seed?: number;
  /** Number of roster files to spread the rows over (default 1: students/roster.csv). */
  readonly files?: number;
}

export interface LargeRosterResult {
  readonly rows: number;
  readonly schools: number;
  /** Paths of the roster files, relative to `dir`. */
  readonly files: readonly string[];
  readonly bytes: number;
}

const HEADER = [
  "学校标识码",
  "学籍号",
  "姓名",
  "性别",
  "出生日期",
  "年级",
  "班级",
  "是否留守儿童",
  "父亲外出务工",
  "母亲外出务工",
  "在家一方无监护能力",
  "主要照护人",
  "是否孤儿",
  "是否残疾",
  "家庭经济困难",
  "单亲家庭",
  "就读方式",
];

const TOWNSHIPS = [
  "锦城街道",
  "白鹤镇",
  "龙泉镇",
  "石桥镇",
  "双河镇",
  "新场镇",
  "青山乡",
  "柳溪乡",
];
const CODES = ["111", "121", "122", "210", "220"];
const BATCH = 10_000;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** Weighted digit sum of `digits` placed at `offset` of the 17-digit ID body. */
function partialSum(digits: string, offset: number): number {
  let s = 0;
  for (let i = 0; i < digits.length; i++) s += Number(digits[i]) * (WEIGHTS[offset + i] as number);
  return s;
}

/** Sequence codes: boys odd (1…979), girls even but never x00, so no 学籍号 ends in "000". */
const GIRL_SEQS = Array.from({ length: 499 }, (_, k) => 2 * (k + 1)).filter((n) => n % 100 !== 0);
const SLOTS = GIRL_SEQS.length; // 490, also used for boys: 2x+1 for x < 490

interface School {
  id: string;
  name: string;
  township: string;
  level: "小学" | "初中";
  code: string;
}

function schoolsFor(rows: number): { primary: School[]; junior: School[] } {
  const nPrimary = Math.max(1, Math.ceil((rows * 2) / 3 / 900));
  const nJunior = Math.max(1, Math.ceil(rows / 3 / 900));
  const make = (level: School["level"], i: number): School => ({
    id: `${level === "小学" ? "21" : "31"}51${String(i + 1).padStart(6, "0")}`,
    name: `${COUNTY_NAME}第${i + 1}${level === "小学" ? "小学" : "中学"}`,
    township: TOWNSHIPS[i % TOWNSHIPS.length] as string,
    level,
    code: CODES[i % CODES.length] as string,
  });
  return {
    primary: Array.from({ length: nPrimary }, (_, i) => make("小学", i)),
    junior: Array.from({ length: nJunior }, (_, i) => make("初中", i)),
  };
}

/**
 * Writes `dir/site.json`, `dir/2024-2025/schools.csv` and the roster rows into
 * `dir/2024-2025/students/`. Valid per the data contract: unique 学籍号 with check
 * characters, schools that exist, grades that fit the school and the birth date.
 */
export async function writeLargeRoster(
  dir: string,
  opts: LargeRosterOptions,
): Promise<LargeRosterResult> {
  const rows = opts.rows;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`invalid row count: ${rows}`);
  const fileCount = opts.files ?? 1;
  if (!Number.isInteger(fileCount) || fileCount < 1)
    throw new Error(`invalid file count: ${fileCount}`);
  const rng = new Rng(opts.seed ?? 1);
  const start = NEWEST_YEAR_START;
  const yearDir = path.join(dir, `${start}-${start + 1}`);
  await mkdir(path.join(yearDir, "students"), { recursive: true });

  const county = { name: COUNTY_NAME, publisher: `${COUNTY_NAME}教育局` };
  await writeFile(
    path.join(dir, "site.json"),
    siteJsonText(sampleSiteConfig(county, `${start + 1}-07-31`)),
  );
  const { primary, junior } = schoolsFor(rows);
  const schoolRows = [...primary, ...junior].map((s) => [
    s.id,
    s.name,
    COUNTY_NAME,
    s.township,
    s.level,
    s.code,
    "否",
    "否",
  ]);
  await writeFile(
    path.join(yearDir, "schools.csv"),
    `\uFEFF${csvText(["学校标识码", "学校名称", "区县", "乡镇", "学段", "城乡分类代码", "留守儿童之家", "心理辅导室"], schoolRows)}`,
  );

  // Birth dates of grades 9…1: 2 Sep (start-15) … 1 Sep (start-6); usual age = grade + 5.
  const first = isoDate(start - 15, 9, 2);
  const days = dayNumber(isoDate(start - 6, 9, 1)) - dayNumber(first) + 1;
  const dates = Array.from({ length: days }, (_, k) => addDays(first, k));
  const dateSums = dates.map((d) => partialSum(d.replaceAll("-", ""), 6));
  const grades = dates.map((d) => {
    const y = Number(d.slice(0, 4));
    const birthYear = d.slice(5) >= "09-02" ? y : y - 1;
    return start - 6 - birthYear;
  });
  // A step coprime with the day count spreads consecutive rows over all birth dates.
  let step = 7919;
  while (gcd(step, days) !== 1) step += 2;

  const gradeLabels = Array.from({ length: 10 }, (_, g) => (g === 0 ? "" : gradeLabel(g)));
  const classNames = Array.from({ length: 10 }, (_, g) =>
    g === 0 ? [] : [1, 2, 3, 4].map((c) => className(g, c)),
  );
  const seqText = (n: number) => String(n).padStart(3, "0");
  const written: string[] = [];
  let bytes = 0;

  for (let f = 0; f < fileCount; f++) {
    const name = fileCount === 1 ? "roster.csv" : `roster-${String(f + 1).padStart(2, "0")}.csv`;
    const from = Math.floor((rows * f) / fileCount);
    const to = Math.floor((rows * (f + 1)) / fileCount);
    const stream = createWriteStream(path.join(yearDir, "students", name));
    const done = once(stream, "finish");
    let batch = [`\uFEFF${HEADER.join(",")}`];
    for (let i = from; i < to; i++) {
      const day = (i * step) % days;
      const layer = Math.floor(i / days);
      const slot = layer % SLOTS;
      const area = String(510100 + Math.floor(layer / SLOTS));
      const male = rng.next() < 0.52;
      const seq = male ? 2 * slot + 1 : (GIRL_SEQS[slot] as number);
      const s3 = seqText(seq);
      const sum = partialSum(area, 0) + (dateSums[day] as number) + partialSum(s3, 14);
      const date = dates[day] as string;
      const no = `G${area}${date.replaceAll("-", "")}${s3}${CHECK[sum % 11]}`;
      const grade = grades[day] as number;
      const pool = grade <= 6 ? primary : junior;
      const school = pool[i % pool.length] as School;

      const r = rng.next();
      const lb = r < 0.12 ? 1 : r < 0.21 ? 2 : 0;
      const fatherAway = lb === 2 || (lb === 1 && r < 0.1);
      const motherAway = lb === 2 || (lb === 1 && !fatherAway);
      const carer =
        lb === 2 ? "祖辈" : lb === 1 ? (fatherAway ? "母亲" : "祖辈") : r < 0.8 ? "母亲" : "父亲";
      const x = rng.next();
      batch.push(
        `${school.id},${no},${childName(rng, male ? "男" : "女")},${male ? "男" : "女"},${date},` +
          `${gradeLabels[grade]},${classNames[grade]?.[i % 4]},${["非留守儿童", "单亲留守儿童", "双亲留守儿童"][lb]},` +
          `${fatherAway ? "是" : "否"},${motherAway ? "是" : "否"},否,${carer},否,${x < 0.004 ? "是" : "否"},` +
          `${x < 0.1 ? "是" : "否"},${x > 0.95 ? "是" : "否"},${grade >= 7 && x > 0.5 ? "住校" : "走读"}`,
      );
      if (batch.length >= BATCH || i === to - 1) {
        const chunk = `${batch.join("\r\n")}\r\n`;
        batch = [];
        bytes += Buffer.byteLength(chunk);
        if (!stream.write(chunk)) await once(stream, "drain");
      }
    }
    if (batch.length > 0) {
      // Only the header (an empty share of rows).
      const chunk = `${batch.join("\r\n")}\r\n`;
      bytes += Buffer.byteLength(chunk);
      stream.write(chunk);
    }
    stream.end();
    await done;
    written.push(`${start}-${start + 1}/students/${name}`);
  }
  return { rows, schools: primary.length + junior.length, files: written, bytes };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

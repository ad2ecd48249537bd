/**
 * The county's pupils through the school years: the oldest year is drawn fresh, every
 * later year promotes the pupils of the year before (same 学籍号, one grade up), sends the
 * top primary grade on to junior schools, takes in a new first grade, and loses and gains
 * a few transfers. Left-behind status mostly stays with the child, and each school keeps
 * close to its own rate, so rates do not jump between years.
 */
import type { County, SampleSchool } from "./county.ts";
import { drawFamily, drawLeftBehindType, type LeftBehindCode } from "./family.ts";
import { gradesOf } from "./grades.ts";
import { boardingChance, isRural, newPupil, StudentNumbers, type Pupil } from "./pupil.ts";
import type { Rng } from "./random.ts";
import { REFERENCE_SCHOOL } from "./referenceSchool.ts";
import type { SchoolYear } from "./schoolYear.ts";

export interface YearRoster {
  readonly year: SchoolYear;
  /** Pupils per 学校标识码, sorted by grade, class and 学籍号. */
  readonly bySchool: ReadonlyMap<string, readonly Pupil[]>;
}

/** How much higher left-behind rates were per year further back (they fall nationally). */
const RATE_DECLINE_PER_YEAR = 0.012;

interface Ctx {
  readonly rng: Rng;
  readonly county: County;
  readonly numbers: StudentNumbers;
  readonly year: SchoolYear;
}

function withLeftBehind(ctx: Ctx, school: SampleSchool, p: Pupil, code: LeftBehindCode): Pupil {
  const family = drawFamily(ctx.rng, code, { rural: isRural(school), boarding: p.boarding });
  return { ...p, family };
}

/** Parents leave and come back: a small share of continuing pupils change status. */
function churn(ctx: Ctx, school: SampleSchool, p: Pupil): Pupil {
  const rate = school.leftBehindRate;
  const lb = p.family.leftBehind;
  if (lb > 0 && ctx.rng.chance(0.08)) return withLeftBehind(ctx, school, p, 0);
  if (lb > 0 && ctx.rng.chance(0.05)) return withLeftBehind(ctx, school, p, lb === 1 ? 2 : 1);
  if (lb === 0 && ctx.rng.chance((0.08 * rate) / (1 - rate)))
    return withLeftBehind(ctx, school, p, drawLeftBehindType(ctx.rng));
  return p;
}

/**
 * Flips statuses until the school has `target` left-behind pupils (of the given sex, if
 * any), preferring pupils who are new this year so that continuing pupils keep theirs.
 */
function fitLeftBehind(
  ctx: Ctx,
  school: SampleSchool,
  pupils: Pupil[],
  target: number,
  isNew: ReadonlySet<string>,
  sex?: Pupil["sex"],
): void {
  const inScope = (p: Pupil) => sex === undefined || p.sex === sex;
  const isLb = (p: Pupil) => p.family.leftBehind > 0;
  const count = pupils.filter((p) => inScope(p) && isLb(p)).length;
  const wantLb = count < target;
  const candidates = pupils
    .map((p, i) => ({ p, i, order: (isNew.has(p.no) ? 0 : 1) + ctx.rng.next() }))
    .filter(({ p }) => inScope(p) && isLb(p) !== wantLb)
    .sort((a, b) => a.order - b.order);
  for (const { p, i } of candidates.slice(0, Math.abs(target - count))) {
    const code = wantLb ? drawLeftBehindType(ctx.rng) : 0;
    pupils[i] = withLeftBehind(ctx, school, p, code);
  }
}

/** The class with the fewest pupils of a grade (lowest number on ties). */
function smallestClass(school: SampleSchool, pupils: readonly Pupil[], grade: number): number {
  const counts = new Array<number>(school.classesPerGrade).fill(0);
  for (const p of pupils)
    if (p.grade === grade) counts[p.classNo - 1] = (counts[p.classNo - 1] ?? 0) + 1;
  return counts.indexOf(Math.min(...counts)) + 1;
}

function addNew(
  ctx: Ctx,
  school: SampleSchool,
  pupils: Pupil[],
  grade: number,
  n: number,
  isNew: Set<string>,
) {
  for (let k = 0; k < n; k++) {
    const classNo = smallestClass(school, pupils, grade);
    const p = newPupil(ctx.rng, ctx.county, ctx.numbers, school, grade, ctx.year.start, classNo);
    pupils.push(p);
    isNew.add(p.no);
  }
}

function targetSize(ctx: Ctx, school: SampleSchool, index: number): number {
  const base = school.gradeSizes[index] as number;
  if (school.role === "teaching-point") return base;
  return Math.max(1, Math.round(base * (1 + ctx.rng.normal(0, 0.03))));
}

function rateIn(school: SampleSchool, yearsBack: number): number {
  return Math.min(0.6, school.leftBehindRate + RATE_DECLINE_PER_YEAR * yearsBack);
}

function sortPupils(pupils: Pupil[]): Pupil[] {
  return pupils.sort(
    (a, b) =>
      a.grade - b.grade || a.classNo - b.classNo || (a.no < b.no ? -1 : a.no > b.no ? 1 : 0),
  );
}

/** Keeps a 教学点 under 10 pupils (the data it stands for). */
function capTeachingPoint(ctx: Ctx, pupils: Pupil[]): void {
  while (pupils.length > 9) pupils.splice(ctx.rng.int(0, pupils.length - 1), 1);
}

/** Makes the reference school match its published figures exactly. */
function fitReference(ctx: Ctx, school: SampleSchool, pupils: Pupil[], isNew: Set<string>): void {
  REFERENCE_SCHOOL.gradeSizes.forEach((size, i) => {
    const grade = i + 1;
    let inGrade = pupils.filter((p) => p.grade === grade);
    while (inGrade.length > size) {
      const drop = ctx.rng.pick(inGrade);
      pupils.splice(pupils.indexOf(drop), 1);
      inGrade = inGrade.filter((p) => p !== drop);
    }
    addNew(ctx, school, pupils, grade, size - inGrade.length, isNew);
  });
  fitLeftBehind(ctx, school, pupils, REFERENCE_SCHOOL.leftBehindBoys, isNew, "男");
  fitLeftBehind(ctx, school, pupils, REFERENCE_SCHOOL.leftBehindGirls, isNew, "女");
}

function firstYear(ctx: Ctx, yearsBack: number): Map<string, Pupil[]> {
  const bySchool = new Map<string, Pupil[]>();
  for (const school of ctx.county.schools) {
    const pupils: Pupil[] = [];
    const isNew = new Set<string>();
    gradesOf(school.level).forEach((grade, i) => {
      addNew(ctx, school, pupils, grade, targetSize(ctx, school, i), isNew);
    });
    if (school.role === "teaching-point") capTeachingPoint(ctx, pupils);
    fitLeftBehind(
      ctx,
      school,
      pupils,
      Math.round(rateIn(school, yearsBack) * pupils.length),
      isNew,
    );
    bySchool.set(school.id, pupils);
  }
  return bySchool;
}

function nextYear(
  ctx: Ctx,
  prev: ReadonlyMap<string, readonly Pupil[]>,
  yearsBack: number,
): Map<string, Pupil[]> {
  const bySchool = new Map<string, Pupil[]>();
  const newcomers = new Map<string, Set<string>>();
  // Leavers of primary schools per township (to junior schools, grade 7) and of 教学点
  // (to the township's central school, grade 4).
  const toJunior = new Map<string, Pupil[]>();
  const toCentral = new Map<string, Pupil[]>();
  const push = (m: Map<string, Pupil[]>, k: string, p: Pupil) => m.set(k, [...(m.get(k) ?? []), p]);

  for (const school of ctx.county.schools) {
    const grades = gradesOf(school.level);
    const top = grades[grades.length - 1] as number;
    const kept: Pupil[] = [];
    for (const p of prev.get(school.id) ?? []) {
      if (p.grade === top) {
        if (school.level === "小学") push(toJunior, school.township, p);
        if (school.level === "教学点") push(toCentral, school.township, p);
        continue;
      }
      const r = ctx.rng.next();
      if (r < 0.02) continue; // transferred out of the county
      const grade = r < 0.024 ? p.grade : p.grade + 1;
      kept.push(churn(ctx, school, { ...p, grade }));
    }
    bySchool.set(school.id, kept);
    newcomers.set(school.id, new Set());
  }

  const moveIn = (school: SampleSchool, grade: number, from: Pupil[], max: number) => {
    const pupils = bySchool.get(school.id) as Pupil[];
    const taken = ctx.rng.shuffle([...from]).slice(0, Math.max(0, max));
    for (const p of taken) {
      from.splice(from.indexOf(p), 1);
      // A new school may mean boarding; a child cared for by a boarding school stays a boarder.
      const boarding =
        p.family.carer === "寄宿学校" || ctx.rng.chance(boardingChance(school, grade));
      const moved = { ...p, grade, boarding, classNo: smallestClass(school, pupils, grade) };
      pupils.push(moved);
      newcomers.get(school.id)?.add(p.no);
    }
  };
  const countIn = (school: SampleSchool, grade: number) =>
    (bySchool.get(school.id) as Pupil[]).filter((p) => p.grade === grade).length;

  // 教学点 leavers continue at the central school of their township.
  for (const school of ctx.county.schools) {
    if (!["central", "nine-year", "reference"].includes(school.role)) continue;
    const from = toCentral.get(school.township) ?? [];
    moveIn(school, 4, from, from.length);
  }
  // Junior schools take the top primary grade, first from their own township, then from
  // the whole county; the rest leave for schools elsewhere.
  const juniors = ctx.county.schools.filter((s) => s.level === "初中" || s.level === "九年一贯制");
  const targets = new Map(
    juniors.map((s) => [s.id, targetSize(ctx, s, gradesOf(s.level).indexOf(7))]),
  );
  for (const s of juniors)
    moveIn(s, 7, toJunior.get(s.township) ?? [], (targets.get(s.id) ?? 0) - countIn(s, 7));
  const rest = [...toJunior.values()].flat();
  for (const s of juniors) moveIn(s, 7, rest, (targets.get(s.id) ?? 0) - countIn(s, 7));

  for (const school of ctx.county.schools) {
    const pupils = bySchool.get(school.id) as Pupil[];
    const isNew = newcomers.get(school.id) as Set<string>;
    gradesOf(school.level).forEach((grade, i) => {
      const target = targetSize(ctx, school, i);
      const have = countIn(school, grade);
      // A new first grade; elsewhere transfers in make up for transfers out.
      if (have < target) addNew(ctx, school, pupils, grade, target - have, isNew);
    });
    if (school.role === "teaching-point") capTeachingPoint(ctx, pupils);
    if (school.role === "reference" && yearsBack === 0) fitReference(ctx, school, pupils, isNew);
    else
      fitLeftBehind(
        ctx,
        school,
        pupils,
        Math.round(rateIn(school, yearsBack) * pupils.length),
        isNew,
      );
  }
  return bySchool;
}

/**
 * Generates the rosters of every school year, oldest first. Deterministic for a given
 * random stream; 学籍号 are unique across all years and stay with the child.
 */
export function generateRosters(
  county: County,
  years: readonly SchoolYear[],
  rng: Rng,
): YearRoster[] {
  const numbers = new StudentNumbers();
  const out: YearRoster[] = [];
  let prev: Map<string, Pupil[]> | null = null;
  years.forEach((year, t) => {
    const ctx: Ctx = { rng: rng.fork("year", year.label), county, numbers, year };
    const yearsBack = years.length - 1 - t;
    let bySchool = prev === null ? firstYear(ctx, yearsBack) : nextYear(ctx, prev, yearsBack);
    if (prev === null && yearsBack === 0) {
      // A single-year sample: the reference school still has to match.
      const ref = county.schools.find((s) => s.role === "reference");
      if (ref) fitReference(ctx, ref, bySchool.get(ref.id) as Pupil[], new Set());
    }
    bySchool = new Map([...bySchool].map(([id, ps]) => [id, sortPupils(ps)]));
    out.push({ year, bySchool });
    prev = bySchool;
  });
  return out;
}

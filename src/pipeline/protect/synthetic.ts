import type { CountSystem, Figure, Ratio } from "./system.ts";

/** One school of a synthetic region: left-behind pupils split by sex and by grade. */
export interface SyntheticSchool {
  enrolment: number;
  /** Left-behind boys and girls. */
  bySex: [number, number];
  /** Left-behind pupils per grade; sums to the same total as `bySex`. */
  byGrade: number[];
}

/** Enrolment under which a school's breakdowns are never published (P3). */
export const SMALL_UNIT = 10;

/**
 * The count system of a region → 乡镇 → 学校 hierarchy: per school, township and region the
 * enrolment, the left-behind total (one figure, decomposed by sex and by grade: two linked
 * tables), left-behind by sex and by grade, and the left-behind ratio. Not-left-behind is an
 * inner cell of the enrolment and no figure of its own. With `publicEnrolment`, enrolment is
 * public knowledge (`Figure.public`), as measure() makes it.
 */
export function syntheticRegion(
  townships: SyntheticSchool[][],
  name = "synthetic",
  options: { publicEnrolment?: boolean } = {},
): CountSystem {
  const cells: { value: number }[] = [];
  const figures: Figure[] = [];
  const ratios: Ratio[] = [];
  const cell = (value: number): number => cells.push({ value }) - 1;
  const grades = Math.max(0, ...townships.flat().map((s) => s.byGrade.length));

  interface Unit {
    sex: number[][];
    grade: number[][];
    other: number[];
  }
  const addUnit = (unit: Unit, key: string, level: number, small: boolean): void => {
    const sexCells = unit.sex.flat();
    const gradeCells = unit.grade.flat();
    const lb = `lb|${key}`;
    const enrolment = `enrolment|${key}`;
    figures.push({
      id: enrolment,
      table: "enrolment",
      level,
      total: level > 0,
      ...(options.publicEnrolment ? { public: true } : {}),
      decompositions: [[...sexCells, ...unit.other]],
    });
    figures.push({
      id: lb,
      table: "lb",
      level,
      total: level > 0,
      parent: enrolment,
      decompositions: [sexCells, gradeCells],
    });
    ["男", "女"].forEach((sex, i) => {
      figures.push({
        id: `lb.sex|${key}|${sex}`,
        table: "lb.sex",
        level,
        smallUnit: small || undefined,
        decompositions: [unit.sex[i]!],
      });
    });
    unit.grade.forEach((g, i) => {
      figures.push({
        id: `lb.grade|${key}|${i + 1}`,
        table: "lb.grade",
        level,
        smallUnit: small || undefined,
        decompositions: [g],
      });
    });
    ratios.push({ id: `lb.ratio|${key}`, numerator: lb, denominator: enrolment, decimals: 1 });
  };
  const merge = (units: Unit[]): Unit => ({
    sex: [0, 1].map((i) => units.flatMap((u) => u.sex[i]!)),
    grade: Array.from({ length: grades }, (_, i) => units.flatMap((u) => u.grade[i] ?? [])),
    other: units.flatMap((u) => u.other),
  });

  const townUnits = townships.map((schools, t) => {
    const schoolUnits = schools.map((school, s) => {
      const lb = school.bySex[0] + school.bySex[1];
      const gradeTotal = school.byGrade.reduce((a, b) => a + b, 0);
      if (gradeTotal !== lb || lb > school.enrolment)
        throw new Error(`inconsistent school ${t}.${s}`);
      const unit: Unit = {
        sex: school.bySex.map((v) => [cell(v)]),
        grade: Array.from({ length: grades }, (_, g) => [cell(school.byGrade[g] ?? 0)]),
        other: [cell(school.enrolment - lb)],
      };
      addUnit(unit, `乡${t + 1}|校${s + 1}`, 0, school.enrolment < SMALL_UNIT);
      return unit;
    });
    const unit = merge(schoolUnits);
    addUnit(unit, `乡${t + 1}`, 1, false);
    return unit;
  });
  addUnit(merge(townUnits), "全区", 3, false);
  return { name, cells, figures, ratios };
}

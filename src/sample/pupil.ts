/**
 * One pupil as the sample knows them: identity, family, and where they sit this year.
 * New pupils get a unique 学籍号 and a birth date that fits their grade.
 */
import type { County, SampleSchool } from "./county.ts";
import { isoDate } from "./dates.ts";
import type { Family } from "./family.ts";
import { drawFamily } from "./family.ts";
import { idNumber, looksTruncated } from "./idNumber.ts";
import { childName, type Sex } from "./names.ts";
import type { Rng } from "./random.ts";

export interface Pupil {
  /** 学籍号: "G" + ID number, or rarely a temporary "L" number. */
  readonly no: string;
  /** The ID number inside a G number; null for an L number. Only ever written to the
   * personal column that the reader must drop. */
  readonly idNumber: string | null;
  readonly name: string;
  readonly sex: Sex;
  /** ISO birth date. */
  readonly birthDate: string;
  readonly grade: number;
  readonly classNo: number;
  readonly family: Family;
  readonly boarding: boolean;
  /** Home village, for the address column of the one export that has one. */
  readonly village: string;
}

/** Area codes of births away from the county: the city, the provincial capital, Guangdong. */
const OTHER_AREAS: readonly (readonly [string, number])[] = [
  ["513901", 5],
  ["510107", 4],
  ["440306", 3],
];

/** Issues 学籍号 that are unique across every year of the sample. */
export class StudentNumbers {
  private readonly used = new Set<string>();

  /** A new unique 学籍号 (and its ID number) for a child of this sex and birth date. */
  issue(rng: Rng, county: County, sex: Sex, birthDate: string): { no: string; id: string | null } {
    const area = rng.chance(0.88) ? county.areaCode : rng.weighted(OTHER_AREAS);
    for (;;) {
      if (rng.chance(0.005)) {
        const no = `L${area}${birthDate.replaceAll("-", "")}${String(rng.int(1, 9999)).padStart(4, "0")}`;
        if (!this.used.has(no) && !looksTruncated(no)) {
          this.used.add(no);
          return { no, id: null };
        }
        continue;
      }
      // Sequence codes: odd for boys, even for girls.
      const seq = 2 * rng.int(0, 498) + (sex === "男" ? 1 : 2);
      const id = idNumber(area, birthDate, seq);
      const no = `G${id}`;
      if (!this.used.has(no) && !looksTruncated(no)) {
        this.used.add(no);
        return { no, id };
      }
    }
  }
}

/**
 * Years a pupil is older than usual for the grade (late start, repeated year) or younger
 * (early start). Never more than 2, so the age check (3 years) never fires.
 */
function ageOffset(rng: Rng): number {
  const r = rng.next();
  if (r < 0.005) return 2;
  if (r < 0.07) return 1;
  if (r < 0.078) return -1;
  return 0;
}

/**
 * A birth date for a pupil of `grade` in the school year starting in September of
 * `startYear`: the usual age on 1 September is grade + 5.
 */
export function birthDateFor(rng: Rng, grade: number, startYear: number, offset = 0): string {
  const birthYear = startYear - grade - 6 - offset;
  // Born between 2 September of birthYear and 1 September of birthYear + 1.
  const dayIndex = rng.int(0, 364);
  const start = Date.UTC(birthYear, 8, 2) / 86_400_000;
  const iso = new Date((start + dayIndex) * 86_400_000).toISOString().slice(0, 10);
  return iso > isoDate(birthYear + 1, 9, 1) ? isoDate(birthYear + 1, 9, 1) : iso;
}

/** Chance that a pupil of this school and grade boards (住校). */
export function boardingChance(school: SampleSchool, grade: number): number {
  const urban = school.urbanRural === "111" || school.urbanRural === "112";
  if (grade >= 7) return urban ? 0.15 : 0.6;
  if (school.role === "village" || school.role === "teaching-point") return 0;
  if (urban) return 0.02;
  return grade >= 4 ? 0.18 : 0.03;
}

/** True for schools whose families are mostly rural. */
export function isRural(school: SampleSchool): boolean {
  return school.urbanRural === "210" || school.urbanRural === "220";
}

/** A new, not left-behind pupil entering `grade` of `school` in the given school year. */
export function newPupil(
  rng: Rng,
  county: County,
  numbers: StudentNumbers,
  school: SampleSchool,
  grade: number,
  startYear: number,
  classNo: number,
): Pupil {
  const sex: Sex = rng.chance(0.52) ? "男" : "女";
  const birthDate = birthDateFor(rng, grade, startYear, ageOffset(rng));
  const { no, id } = numbers.issue(rng, county, sex, birthDate);
  const boarding = rng.chance(boardingChance(school, grade));
  const villages = county.villages.get(school.township) ?? [];
  return {
    no,
    idNumber: id,
    name: childName(rng, sex),
    sex,
    birthDate,
    grade,
    classNo,
    family: drawFamily(rng, 0, { rural: isRural(school), boarding }),
    boarding,
    village: villages.length > 0 ? rng.pick(villages) : "",
  };
}

/**
 * Synthetic teachers of a school: a head teacher (班主任) per class, a counsellor and a
 * school doctor. Names are drawn from a stream fixed by school and year, so the same class
 * has the same 班主任 in every file of that year.
 */
import type { SampleSchool } from "./county.ts";
import { adultName } from "./names.ts";
import type { Rng } from "./random.ts";
import type { SchoolYear } from "./schoolYear.ts";

export interface SchoolStaff {
  /** The 班主任 of a class. */
  headTeacher(grade: number, classNo: number): string;
  readonly counsellor: string;
  readonly doctor: string;
  readonly principal: string;
}

/** The staff of a school in a school year. */
export function schoolStaff(rng: Rng, school: SampleSchool, year: SchoolYear): SchoolStaff {
  const base = rng.fork("staff", school.id, year.label);
  const cache = new Map<string, string>();
  const person = (key: string) => {
    let name = cache.get(key);
    if (name === undefined) {
      const r = base.fork(key);
      // Primary teachers in rural China are mostly women.
      name = adultName(r, r.chance(0.65) ? "女" : "男");
      cache.set(key, name);
    }
    return name;
  };
  return {
    headTeacher: (grade, classNo) =>
      // A 教学点 has one teacher for its mixed class.
      school.level === "教学点" ? person("class") : person(`class-${grade}-${classNo}`),
    counsellor: school.level === "教学点" ? person("class") : person("counsellor"),
    doctor: person("doctor"),
    principal: person("principal"),
  };
}

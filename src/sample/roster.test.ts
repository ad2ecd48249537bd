import { describe, expect, it } from "vitest";
import { ageOn } from "./dates.ts";
import { BOTH_PARENTS_SHARE } from "./family.ts";
import { sampleModel } from "./generateSample.ts";
import { gradesOf } from "./grades.ts";
import { isValidIdNumber } from "./idNumber.ts";
import type { Pupil } from "./pupil.ts";
import { REFERENCE_SCHOOL } from "./referenceSchool.ts";

const model = sampleModel();
const { county, rosters } = model;
const newest = rosters[rosters.length - 1]!;
const all = (r = newest) => [...r.bySchool.values()].flat();
const lbShare = (ps: readonly Pupil[]) =>
  ps.filter((p) => p.family.leftBehind > 0).length / ps.length;

describe("the reference school in the newest year", () => {
  const pupils = newest.bySchool.get(REFERENCE_SCHOOL.id) ?? [];
  const lb = pupils.filter((p) => p.family.leftBehind > 0);

  it("has 18 classes and 848 pupils", () => {
    expect(newest.year.label).toBe(REFERENCE_SCHOOL.year);
    expect(pupils).toHaveLength(848);
    expect(new Set(pupils.map((p) => `${p.grade}-${p.classNo}`)).size).toBe(18);
  });

  it("has 175 left-behind children: 88 boys and 87 girls", () => {
    expect(lb).toHaveLength(175);
    expect(lb.filter((p) => p.sex === "男")).toHaveLength(88);
    expect(lb.filter((p) => p.sex === "女")).toHaveLength(87);
  });
});

describe("generateRosters", () => {
  it("keeps both 教学点 under 10 pupils in every year", () => {
    const points = county.schools.filter((s) => s.level === "教学点");
    expect(points).toHaveLength(2);
    for (const r of rosters)
      for (const s of points) {
        const n = r.bySchool.get(s.id)?.length ?? 0;
        expect(n).toBeGreaterThan(0);
        expect(n).toBeLessThan(10);
      }
  });

  it("has left-behind rates rising from 城区 (about 5%) to 村庄 (about 40%)", () => {
    const byCode = (codes: string[]) =>
      lbShare(
        county.schools
          .filter((s) => codes.includes(s.urbanRural))
          .flatMap((s) => newest.bySchool.get(s.id) ?? []),
      );
    const city = byCode(["111"]);
    const town = byCode(["121"]);
    const xiang = byCode(["210"]);
    const village = byCode(["220"]);
    expect(city).toBeGreaterThan(0.03);
    expect(city).toBeLessThan(0.08);
    expect(town).toBeGreaterThan(city);
    expect(xiang).toBeGreaterThan(town);
    expect(village).toBeGreaterThan(xiang);
    expect(village).toBeGreaterThan(0.35);
    expect(village).toBeLessThan(0.45);
  });

  it("makes about 45% of left-behind children 双亲留守儿童", () => {
    for (const r of rosters) {
      const lb = all(r).filter((p) => p.family.leftBehind > 0);
      const both = lb.filter((p) => p.family.leftBehind === 2).length / lb.length;
      expect(Math.abs(both - BOTH_PARENTS_SHARE)).toBeLessThan(0.04);
    }
  });

  it("makes grandparents the main carer of most left-behind children", () => {
    const lb = all().filter((p) => p.family.leftBehind > 0);
    expect(lb.filter((p) => p.family.carer === "祖辈").length / lb.length).toBeGreaterThan(0.55);
  });

  it("has rare orphans and disabilities, and some low-income and single-parent families", () => {
    const ps = all();
    const share = (f: (p: Pupil) => boolean) => ps.filter(f).length / ps.length;
    expect(share((p) => p.family.orphan)).toBeGreaterThan(0);
    expect(share((p) => p.family.orphan)).toBeLessThan(0.01);
    expect(share((p) => p.family.disability !== null)).toBeGreaterThan(0);
    expect(share((p) => p.family.disability !== null)).toBeLessThan(0.01);
    expect(share((p) => p.family.lowIncome)).toBeGreaterThan(0.04);
    expect(share((p) => p.family.lowIncome)).toBeLessThan(0.15);
    expect(share((p) => p.family.singleParentFamily)).toBeGreaterThan(0.03);
    expect(share((p) => p.family.singleParentFamily)).toBeLessThan(0.12);
  });

  it("fills the parents' work away consistently with the left-behind type", () => {
    for (const r of rosters)
      for (const p of all(r)) {
        const away = Number(p.family.fatherAway) + Number(p.family.motherAway);
        expect(away).toBe(p.family.leftBehind);
        if (p.family.leftBehind !== 1) expect(p.family.homeParentIncapable).toBe(false);
        if (p.family.orphan) expect(p.family.leftBehind).toBe(0);
      }
  });

  it("gives unique 学籍号 per year, with valid check characters and no Excel-like tail", () => {
    for (const r of rosters) {
      const nos = all(r).map((p) => p.no);
      expect(new Set(nos).size).toBe(nos.length);
      for (const no of nos) {
        expect(no).toMatch(/^[GL]\d{17}[\dX]$/);
        expect(no.endsWith("000")).toBe(false);
        if (no.startsWith("G")) expect(isValidIdNumber(no.slice(1))).toBe(true);
      }
    }
  });

  it("offers only the grades of each school's 学段", () => {
    for (const r of rosters)
      for (const s of county.schools)
        for (const p of r.bySchool.get(s.id) ?? []) expect(gradesOf(s.level)).toContain(p.grade);
  });

  it("gives birth dates that fit the grade: age on 1 September is grade + 5, give or take", () => {
    for (const r of rosters) {
      const offsets = all(r).map((p) => ageOn(p.birthDate, r.year.firstDay) - (p.grade + 5));
      expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...offsets)).toBeLessThanOrEqual(2);
      expect(offsets.filter((o) => o === 0).length / offsets.length).toBeGreaterThan(0.85);
    }
  });

  it("keeps the same children from one year to the next, one grade up", () => {
    const [older, newer] = rosters as [(typeof rosters)[0], (typeof rosters)[0]];
    const next = new Map(all(newer).map((p) => [p.no, p]));
    const stayers = all(older).filter((p) => p.grade !== 6 && p.grade !== 9);
    const promoted = stayers.filter((p) => {
      const q = next.get(p.no);
      return (
        q !== undefined &&
        q.grade === p.grade + 1 &&
        q.birthDate === p.birthDate &&
        q.name === p.name
      );
    });
    expect(promoted.length / stayers.length).toBeGreaterThan(0.9);
    // The top primary grade goes on to junior schools with the same 学籍号.
    const sixth = all(older).filter((p) => p.grade === 6);
    const inSeventh = sixth.filter((p) => next.get(p.no)?.grade === 7);
    expect(inSeventh.length / sixth.length).toBeGreaterThan(0.5);
  });

  it("keeps each school's rate under 70% and within 15 points between years", () => {
    for (const s of county.schools) {
      const shares = rosters.map((r) => lbShare(r.bySchool.get(s.id) ?? []));
      for (const x of shares) expect(x).toBeLessThan(0.7);
      for (let i = 1; i < shares.length; i++)
        expect(Math.abs((shares[i] as number) - (shares[i - 1] as number))).toBeLessThan(0.15);
    }
  });
});

describe("sampleModel", () => {
  it("gives the same pupils for the same seed and different ones for another", () => {
    const again = sampleModel();
    expect(all(again.rosters[1]).map((p) => p.no)).toEqual(all().map((p) => p.no));
    const other = sampleModel({ seed: 2 });
    expect(all(other.rosters[1]).map((p) => p.no)).not.toEqual(all().map((p) => p.no));
  });

  it("still reproduces the reference school with one year, three years or another seed", () => {
    for (const opts of [
      { years: 1 },
      { years: 3, seed: 7 },
      { schools: 80, students: 30000, seed: 3 },
    ]) {
      const m = sampleModel(opts);
      const last = m.rosters[m.rosters.length - 1]!;
      expect(last.year.label).toBe("2024-2025");
      const ref = last.bySchool.get(REFERENCE_SCHOOL.id) ?? [];
      expect(ref).toHaveLength(848);
      expect(ref.filter((p) => p.family.leftBehind > 0 && p.sex === "男")).toHaveLength(88);
      expect(ref.filter((p) => p.family.leftBehind > 0 && p.sex === "女")).toHaveLength(87);
    }
  });
});

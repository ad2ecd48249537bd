import { beforeAll, describe, expect, it } from "vitest";
import { measure, type Measured } from "../../src/pipeline/measure/measure.ts";
import { SENSITIVE_GROUPS } from "../../src/pipeline/measure/tables.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import {
  count,
  expectDecompositionsAgree,
  expectParentsContain,
  expectUnitsAreSums,
} from "./fixtures.ts";

const REFERENCE = "2151270201"; // 白鹤镇中心小学

let measured: Measured;
beforeAll(async () => {
  const { data, errors } = await validateData("data", { keepRows: true });
  expect(errors).toBe(0);
  measured = measure(data);
});

const newest = () => measured.years.at(-1)!;

describe("measure on the embedded sample", () => {
  it("gives the reference school's enrolment, left-behind count, sexes and ratio", () => {
    const m = newest();
    expect(m.year).toBe("2024-2025");
    expect(m.hierarchy.byId.get(REFERENCE)!.name).toBe("白鹤镇中心小学");
    expect(count(m, "enr", REFERENCE)).toBe(848);
    expect(count(m, "lb.moe", REFERENCE)).toBe(175);
    expect(count(m, "lb.sex", REFERENCE, "男")).toBe(88);
    expect(count(m, "lb.sex", REFERENCE, "女")).toBe(87);
    const row = m.tables.find((t) => t.id === `lb.moe|u=${REFERENCE}`)!.rows[0]!;
    expect(row.ratio?.kind).toBe("ratio");
    if (row.ratio?.kind === "ratio") {
      expect(((row.ratio.numerator / row.ratio.denominator) * 100).toFixed(1)).toBe("20.6");
    }
    const ratio = m.system.ratios.find((r) => r.numerator === `lb.moe|u=${REFERENCE}`)!;
    expect(ratio).toMatchObject({ denominator: `enr|u=${REFERENCE}`, decimals: 1 });
  });

  it("makes every township the sum of its schools, in every table and year", () => {
    for (const m of measured.years) {
      expect(m.hierarchy.hasCounties).toBe(false);
      expect(m.hierarchy.units.filter((u) => u.level === 1)).toHaveLength(7);
      expectUnitsAreSums(m);
    }
  });

  it("gives every figure decompositions that all sum to the same value", () => {
    for (const m of measured.years) {
      expectDecompositionsAgree(m);
      expectParentsContain(m);
    }
  });

  it("flags the four sensitive groups, and nothing else, as sensitive", () => {
    const m = newest();
    const sensitive = new Set<string>(SENSITIVE_GROUPS.map((g) => `lb.${g.family}`));
    const flagged = m.system.figures.filter((f) => f.sensitive);
    expect(flagged.length).toBeGreaterThan(0);
    for (const f of m.system.figures) {
      expect(Boolean(f.sensitive), f.id).toBe(sensitive.has(f.table) && f.id.endsWith("|是"));
    }
  });

  it("gives schools under 10 pupils only small-unit breakdowns", () => {
    const m = newest();
    const small = m.hierarchy.units
      .filter((u) => u.level === 0 && count(m, "enr", u.id) < 10)
      .map((u) => u.id);
    expect(small.sort()).toEqual(["2151270602", "2151270702"]);
    for (const f of m.system.figures) {
      const unit = f.id.split("|")[1]!.slice(2);
      // Enrolment (every enr.* table) is public knowledge, never a small-unit breakdown.
      const expected = small.includes(unit) && !f.table.startsWith("enr");
      expect(Boolean(f.smallUnit), f.id).toBe(expected);
    }
  });

  it("keeps not collected apart from zero for schools that left out optional columns", () => {
    const m = newest();
    // 2151270503 sent no 孤儿/残疾/家庭经济困难/单亲家庭 columns; 2151270704 no parent columns.
    const orphans = m.tables.find((t) => t.id === "lb.orphan|u=2151270503")!;
    expect(orphans.collected).toBe("none");
    expect(orphans.rows[0]!.value.kind).toBe("notCollected");
    const township = m.hierarchy.byId.get("2151270503")!.parent!;
    expect(m.tables.find((t) => t.id === `lb.orphan|u=${township}`)!.collected).toBe("partial");
    const assessed = m.tables.find((t) => t.id === "sc.assessed|u=2151270704")!.rows[0]!.value;
    expect(assessed).toEqual({ kind: "plain", value: 0 });
    expect(count(m, "lb.sc.unknown", "2151270704")).toBeGreaterThan(0);
  });

  it("builds one system per year and pairs headline figures of units present in both years", () => {
    const [previous, current] = measured.years;
    expect(current!.system.name).toBe("青岚县 2024-2025");
    const pairs = measured.yoy;
    expect(pairs.length).toBeGreaterThan(0);
    const reference = pairs.find((p) => p.table === "lb.moe" && p.unit === REFERENCE)!;
    expect(reference.previous.figure).toBe(`lb.moe|u=${REFERENCE}`);
    expect(reference.previous.year).toBe("2023-2024");
    expect(reference.current.value).toBe(175);
    const both = (id: string) => previous!.values.has(id) && current!.values.has(id);
    for (const p of pairs) expect(both(p.current.figure), p.current.figure).toBe(true);
  });
});

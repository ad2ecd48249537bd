import { describe, expect, it } from "vitest";
import { measureYear } from "../../src/pipeline/measure/measure.ts";
import type { ActivityRow, SocialRow } from "../../src/pipeline/validate/schemas.ts";
import type { Located } from "../../src/pipeline/validate/validateYear.ts";
import { config, count, expectDecompositionsAgree, pupil, school, year } from "./fixtures.ts";

const A = "4101020001"; // 测试县 城关镇
const B = "4101020002"; // 邻县 河湾乡
const at = { file: "2024-2025/activities.csv", row: 2 };
const activity = (
  where: { school_id: string } | { county: string },
  date: string,
  activity_type: ActivityRow["activity_type"],
  lb_participants: number,
): ActivityRow & Located => ({
  ...at,
  ...where,
  date,
  title: "活动",
  activity_type,
  lb_participants,
});
const social = (
  where: { school_id: string } | { county: string },
  beneficiaries: number | undefined,
  amount_yuan: number | undefined,
  donor = "某单位",
): SocialRow & Located => ({
  ...at,
  ...where,
  date: "2024-10-01",
  donor,
  items: "图书",
  ...(beneficiaries === undefined ? {} : { beneficiaries }),
  ...(amount_yuan === undefined ? {} : { amount_yuan }),
});

const fixture = year(
  [school(A, "城关镇"), school(B, "河湾乡", { county: "邻县" })],
  [pupil(A), pupil(B)],
  {
    activities: [
      activity({ school_id: A }, "2024-09-10", "读书", 12),
      activity({ school_id: A }, "2024-10-10", "读书", 8),
      activity({ school_id: A }, "2024-10-20", "文体", 5),
      activity({ county: "测试县" }, "2024-10-01", "节日关爱", 40),
    ],
    social: [
      social({ school_id: A }, 6, 12000),
      social({ school_id: B }, undefined, undefined),
      social({ county: "邻县" }, 30, 50000),
    ],
  },
);

describe("activities and social support", () => {
  const m = measureYear(fixture, config({ region: "某市" }));

  it("builds region → 区县 → 乡镇 → 学校 when the data holds more than one 区县", () => {
    expect(m.hierarchy.hasCounties).toBe(true);
    expect(m.hierarchy.byId.get("region")!.children).toEqual(["c:测试县", "c:邻县"]);
    expect(m.hierarchy.byId.get(A)!.parent).toBe("t:测试县/城关镇");
    expect(m.hierarchy.byId.get("t:测试县/城关镇")!.parent).toBe("c:测试县");
  });

  it("counts activities by type and month, and sums left-behind participants", () => {
    const plain = (table: string, unit: string, category = "") =>
      m.tables
        .find((t) => t.id === `${table}|u=${unit}`)!
        .rows.find((r) => r.category === category)!.value;
    expect(plain("act.n", A)).toEqual({ kind: "plain", value: 3 });
    expect(plain("act.n.type", A, "读书")).toEqual({ kind: "plain", value: 2 });
    expect(plain("act.n.month", A, "2024-10")).toEqual({ kind: "plain", value: 2 });
    expect(count(m, "act.lb", A)).toBe(25);
    expect(count(m, "act.lb.type", A, "读书")).toBe(20);
    expect(count(m, "act.lb.month", A, "2024-10")).toBe(13);
    expect(count(m, "act.lb", B)).toBe(0);
  });

  it("counts county-wide rows at the 区县 and the region, never at a township or school", () => {
    expect(count(m, "act.lb", "t:测试县/城关镇")).toBe(25);
    expect(count(m, "act.lb", "c:测试县")).toBe(65);
    expect(count(m, "act.lb", "region")).toBe(65);
    expect(count(m, "soc.beneficiaries", "c:邻县")).toBe(30);
    expect(count(m, "soc.beneficiaries", "region")).toBe(36);
  });

  it("publishes amounts as they are and keeps beneficiaries in the CountSystem", () => {
    const yuan = m.tables.find((t) => t.id === "soc.yuan|u=region")!;
    expect(yuan.rows[0]!.value).toEqual({ kind: "plain", value: 62000 });
    expect(m.system.figures.some((f) => f.table === "soc.yuan")).toBe(false);
    expect(m.system.figures.some((f) => f.id === "soc.beneficiaries|u=region")).toBe(true);
    // School B's visit gave neither beneficiaries nor an amount: not collected, not zero.
    const b = m.tables.find((t) => t.id === `soc.beneficiaries|u=${B}`)!;
    expect(b.collected).toBe("none");
    expect(m.tables.find((t) => t.id === `soc.n|u=${B}`)!.rows[0]!.value).toEqual({
      kind: "plain",
      value: 1,
    });
    expectDecompositionsAgree(m);
  });

  it("splits social support by donor: visits, amounts and beneficiaries, only where each gave", () => {
    const m2 = measureYear(
      year([school(A, "城关镇"), school(B, "河湾乡")], [pupil(A), pupil(B)], {
        social: [
          social({ school_id: A }, 6, 12000, "县妇联（儿童部）"),
          social({ school_id: A }, 3, undefined, "县妇联(儿童部)"),
          social({ school_id: B }, 2, 800, "爱心协会"),
        ],
      }),
      config(),
    );
    const rows = (table: string, unit: string) =>
      m2.tables.find((t) => t.id === `${table}|u=${unit}`)!.rows;
    // Both spellings of the parentheses are one donor, shown as first written; pinyin order.
    expect(rows("soc.n.donor", "region").map((r) => [r.label, r.value])).toEqual([
      ["爱心协会", { kind: "plain", value: 1 }],
      ["县妇联（儿童部）", { kind: "plain", value: 2 }],
    ]);
    expect(rows("soc.n.donor", B).map((r) => r.label)).toEqual(["爱心协会"]);
    expect(rows("soc.yuan.donor", A).map((r) => r.value)).toEqual([
      { kind: "plain", value: 12000 },
    ]);
    expect(count(m2, "soc.beneficiaries.donor", A, "县妇联(儿童部)")).toBe(9);
    expect(count(m2, "soc.beneficiaries.donor", "region", "爱心协会")).toBe(2);
    // Beneficiaries per donor are counts in the CountSystem and add up to the total.
    expect(m2.system.figures.some((f) => f.id === `soc.beneficiaries.donor|u=${B}|爱心协会`)).toBe(
      true,
    );
    expect(count(m2, "soc.beneficiaries", "region")).toBe(11);
    expectDecompositionsAgree(m2);
  });
});

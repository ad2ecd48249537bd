import { describe, expect, it } from "vitest";
import type { GalleryDonation, GalleryYear } from "../../src/pipeline/gallery/gallery.ts";
import type { PublishedTable, PublishedValue } from "../../src/pipeline/publish/publishable.ts";
import { formatYuan } from "../../src/site/format.ts";
import { YearView } from "../../src/site/siteData.ts";
import { publishedYear } from "../helpers/published.ts";
import {
  donationIn,
  donorAmounts,
  donorRows,
  type DonorRow,
} from "../../src/site/socialSupport.ts";

const S1 = "2151270705";
const S2 = "2151270406";
const TOWN = "t:青岚县/龙泉镇";

const plain = (value: number): PublishedValue => ({ kind: "plain", value });
const table = (
  name: string,
  unit: string,
  rows: [string, PublishedValue][],
  collected: PublishedTable["collected"] = "all",
): PublishedTable => ({
  id: `${name}|u=${unit}`,
  table: name,
  unit,
  unitName: unit,
  title: name,
  collected,
  rows: rows.map(([category, value]) => ({ category, label: category, value })),
});

const year = publishedYear(
  [
    { id: "region", name: "青岚县", level: 3, children: [TOWN] },
    { id: TOWN, name: "龙泉镇", level: 1, parent: "region", children: [S1, S2] },
    { id: S1, name: "一小", level: 0, parent: TOWN, children: [] },
    { id: S2, name: "二小", level: 0, parent: TOWN, children: [] },
  ],
  [
    table("soc.n.donor", "region", [
      ["团县委", plain(2)],
      ["县关工委", plain(1)],
    ]),
    table("soc.yuan.donor", "region", [["团县委", plain(17000)]]),
    table("soc.beneficiaries.donor", "region", [
      ["团县委", { kind: "count", status: "published", value: 18 }],
      ["县关工委", { kind: "count", status: "suppressed", interval: [0, 7] }],
    ]),
    table("soc.n.donor", S2, [["县关工委", plain(1)]]),
    table("soc.beneficiaries.donor", S2, [["县关工委", { kind: "notCollected" }]], "none"),
  ],
);

const donation = (donorKey: string, items: string, where: Partial<GalleryDonation>) =>
  ({ date: "2024-10-01", donor: donorKey, donorKey, items, ...where }) as GalleryDonation;
const school = (id: string) => ({ id, name: id, township: "龙泉镇" });
const gallery: GalleryYear = {
  year: "2024-2025",
  activities: [],
  nextSteps: [],
  donations: [
    donation("团县委", "图书角图书", { school: school(S1) }),
    donation("团县委", "图书角图书", { school: school(S1) }),
    donation("团县委", "文具", { county: "青岚县" }),
    donation("县关工委", "走访慰问", { school: school(S2) }),
  ],
};

describe("social support per donor", () => {
  const view = new YearView(year);

  it("counts a donation at its school and every unit above, a county-wide one at the region", () => {
    const [atS1, countyWide, atS2] = [
      gallery.donations[0]!,
      gallery.donations[2]!,
      gallery.donations[3]!,
    ];
    expect([S1, TOWN, "region"].map((u) => donationIn(view, atS1, u))).toEqual([true, true, true]);
    expect(donationIn(view, atS1, S2)).toBe(false);
    expect([S1, TOWN, "region"].map((u) => donationIn(view, countyWide, u))).toEqual([
      false,
      false,
      true,
    ]);
    expect(donationIn(view, atS2, TOWN)).toBe(true);
  });

  it("lists each donor with times, distinct items, amount in 元 and protected beneficiaries", () => {
    const rows = donorRows(view, gallery, "region");
    expect(
      rows.map((r) => [r.donor, r.times.text, r.items, r.amount.text, r.beneficiaries.text]),
    ).toEqual([
      ["团县委", "2", "图书角图书、文具", "1.7万元", "18"],
      ["县关工委", "1", "走访慰问", "未填报", "已保护（0–7）"],
    ]);
    expect(rows[0]!.yuan).toBe(17000);
    expect(rows[1]!.yuan).toBeNull();
    expect(rows[1]!.beneficiaries.kind).toBe("sup");
  });

  it("shows a school's donors only, and beneficiaries the school did not report as 未填报", () => {
    const rows = donorRows(view, gallery, S2);
    expect(rows.map((r) => [r.donor, r.items, r.beneficiaries.text, r.beneficiaries.kind])).toEqual(
      [["县关工委", "走访慰问", "未填报", "nc"]],
    );
    expect(donorRows(view, gallery, S1)).toEqual([]);
  });
});

describe("formatYuan", () => {
  it("writes 万元 from 10,000 up, rounded half up to one decimal, and whole 元 below", () => {
    expect(formatYuan(30_500)).toBe("3.1万元");
    expect(formatYuan(10_000)).toBe("1.0万元");
    expect(formatYuan(115_000)).toBe("11.5万元");
    expect(formatYuan(9_999)).toBe("9,999元");
    expect(formatYuan(0)).toBe("0元");
  });
});

describe("donorAmounts", () => {
  const row = (donor: string, yuan: number | null) =>
    ({ donor, yuan }) as Pick<DonorRow, "donor" | "yuan"> as DonorRow;

  it("puts every amount of one chart in 万元 when one reaches 10,000, never mixing 元 and 万元", () => {
    const { unit, data } = donorAmounts([
      row("青岚县教育基金会", 115_000),
      row("县红十字会", 5_000),
      row("县慈善会", 30_500),
      row("未填的单位", null),
    ]);
    expect(unit).toBe("万元");
    expect(data.map((d) => [d.label, d.value, d.display])).toEqual([
      ["青岚县教育基金会", 11.5, "11.5万元"],
      ["县红十字会", 0.5, "0.5万元"],
      ["县慈善会", 3.1, "3.1万元"],
    ]);
    expect(data.every((d) => d.display.endsWith("万元"))).toBe(true);
  });

  it("keeps whole 元 when every amount is below 10,000", () => {
    const { unit, data } = donorAmounts([row("甲", 5_000), row("乙", 800)]);
    expect(unit).toBe("元");
    expect(data.map((d) => d.display)).toEqual([formatYuan(5_000), formatYuan(800)]);
  });
});

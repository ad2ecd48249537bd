/**
 * Social support (社会关爱) of a unit as pages and summaries show it: per donor (organisations
 * are public) the number of donations or visits, what they gave, the amount in 元 and the
 * left-behind children helped — the numbers from the published per-donor tables (the
 * beneficiaries protected like every count of children), the items from the redacted rows.
 */
import type { GalleryDonation, GalleryYear } from "../pipeline/gallery/gallery.ts";
import type { Datum } from "./charts/index.ts";
import { formatCount, formatYuan, showValue, type Shown } from "./format.ts";
import type { YearView } from "./siteData.ts";

export interface DonorRow {
  donor: string;
  /** Donations and visits. */
  times: Shown;
  /** What was given, each distinct item once, in date order: "图书角图书、冬衣和棉被". */
  items: string;
  /** 折合金额, shown in 元 or 万元; "未填报" when no row of the donor gave an amount. */
  amount: Shown;
  /** The amount as a number for charts, when given. */
  yuan: number | null;
  beneficiaries: Shown;
}

/** The unit a donation is counted at first: its school, its 区县 or the region. */
function placeOf(view: YearView, d: GalleryDonation): string {
  if (d.school) return d.school.id;
  const county = `c:${d.county}`;
  return view.units.has(county) ? county : view.region.id;
}

/** Whether a donation counts in `unit` (its place is the unit or below it). */
export function donationIn(view: YearView, d: GalleryDonation, unit: string): boolean {
  for (let id: string | undefined = placeOf(view, d); id; id = view.units.get(id)?.parent) {
    if (id === unit) return true;
  }
  return false;
}

const NOT_GIVEN: Shown = { text: "未填报", kind: "nc", value: null, note: "没有填报折合金额" };

/** The donors of a unit in the order of the published tables (pinyin order of the name). */
export function donorRows(
  view: YearView,
  gallery: GalleryYear | undefined,
  unit: string,
): DonorRow[] {
  const times = view.table("soc.n.donor", unit);
  if (!times) return [];
  const amounts = view.table("soc.yuan.donor", unit);
  const helped = view.table("soc.beneficiaries.donor", unit);
  const items = new Map<string, string[]>();
  for (const d of gallery?.donations ?? []) {
    if (!donationIn(view, d, unit)) continue;
    const list = items.get(d.donorKey) ?? [];
    if (!list.includes(d.items)) list.push(d.items);
    items.set(d.donorKey, list);
  }
  return times.rows.map((r) => {
    const amount = amounts?.rows.find((a) => a.category === r.category)?.value;
    const yuan = amount?.kind === "plain" ? amount.value : null;
    const benefit = helped?.rows.find((b) => b.category === r.category)?.value;
    return {
      donor: r.label,
      times: showValue(r.value),
      items: (items.get(r.category) ?? []).join("、"),
      amount: yuan === null ? NOT_GIVEN : { text: formatYuan(yuan), kind: "pub", value: yuan },
      yuan,
      beneficiaries:
        benefit === undefined || helped?.collected === "none"
          ? { text: "未填报", kind: "nc", value: null, note: "没有填报受助人数" }
          : showValue(benefit),
    };
  });
}

/**
 * The donors' amounts for one chart, all in one unit: 万元 (one decimal, rounded half up as
 * `formatYuan` does) when any amount reaches 10,000, else 元. A chart whose axis mixed
 * "50,000" with bars labelled "11.5万元" and "5,000元" would make readers convert.
 */
export function donorAmounts(rows: readonly DonorRow[]): { unit: "万元" | "元"; data: Datum[] } {
  const given = rows.filter((r) => r.yuan !== null);
  const wan = given.some((r) => (r.yuan ?? 0) >= 10_000);
  const data = given.map((r): Datum => {
    const yuan = r.yuan ?? 0;
    const value = wan ? Math.round(yuan / 1_000) / 10 : yuan;
    const display = wan ? `${value.toFixed(1)}万元` : `${formatCount(value)}元`;
    return { label: r.donor, value, status: value === 0 ? "zero" : "published", display };
  });
  return { unit: wan ? "万元" : "元", data };
}

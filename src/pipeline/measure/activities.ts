/**
 * Activities and social support (disclosure spec §2). Numbers of activities, donations and
 * visits, and amounts in 元 are not counts of children: they are published as they are. Left-
 * behind participants and beneficiaries are counts of children and enter the CountSystem.
 * Rows without a school (county-wide) belong to a place of their own, counted at the 区县
 * (when the hierarchy has that level) and the region, never at a township or school.
 */
import { ACTIVITY_TYPES } from "../validate/values.ts";
import type { ValidatedYear } from "../validate/validateYear.ts";
import { addTo, newPlace, type PlaceCounts } from "./placeCounts.ts";
import type { TableSpec } from "./tables.ts";

/** Month key of an ISO date: "2024-09". */
const monthOf = (date: string) => date.slice(0, 7);
const monthLabel = (key: string) => `${key.slice(0, 4)}年${Number(key.slice(5))}月`;

/**
 * The category of a donor in the per-donor tables: the name folded for grouping (NFKC, so that
 * "（" and "(" or full-width letters are one donor; spaces collapsed) without "|", which
 * separates the parts of a figure id. The shown label is the first spelling met.
 */
export function donorKey(donor: string): string {
  return donor.normalize("NFKC").replace(/\s+/g, " ").replace(/\|/g, "/").trim();
}

/** The donors of a year: key → label (first spelling), in Chinese (pinyin) order of the label. */
export type Donors = ReadonlyMap<string, string>;

/** The soc.* cell of a donor's beneficiaries. */
const beneficiaryCell = (key: string) => `soc|beneficiaries|${key}`;

/**
 * Adds the activities and social support of a year to the places: schools are looked up in
 * `schools`; county-wide rows go to a place "county:<区县>" created on demand in `unitOfCounty`'s
 * unit. Returns the months with activities, in order, and the donors of social support.
 */
export function addActivities(
  year: Pick<ValidatedYear, "activities" | "social">,
  schools: ReadonlyMap<string, PlaceCounts>,
  countyPlaces: Map<string, PlaceCounts>,
  unitOfCounty: (county: string) => string,
): { months: string[]; donors: Donors } {
  const placeOf = (r: { school_id?: string; county?: string }): PlaceCounts => {
    if (r.school_id !== undefined) return schools.get(r.school_id)!;
    const id = `county:${r.county}`;
    let place = countyPlaces.get(id);
    if (!place) {
      place = newPlace(id, unitOfCounty(r.county!), false);
      initSocial(place);
      countyPlaces.set(id, place);
    }
    return place;
  };
  for (const place of schools.values()) initSocial(place);

  const months = new Set<string>();
  for (const a of year.activities) {
    const place = placeOf(a);
    const month = monthOf(a.date);
    months.add(month);
    addTo(place.cells, `act|${a.activity_type}|${month}`, a.lb_participants);
    for (const key of ["actn", `actn|type|${a.activity_type}`, `actn|month|${month}`]) {
      addTo(place.plain, key);
    }
  }

  const withBeneficiaries = new Set<PlaceCounts>();
  const withAmount = new Set<PlaceCounts>();
  const withRows = new Set<PlaceCounts>();
  const labels = new Map<string, string>();
  for (const s of year.social) {
    const place = placeOf(s);
    const key = donorKey(s.donor);
    if (!labels.has(key)) labels.set(key, s.donor.replace(/\s+/g, " "));
    withRows.add(place);
    addTo(place.plain, "socn");
    addTo(place.plain, `socn|donor|${key}`);
    if (s.amount_yuan !== undefined) {
      withAmount.add(place);
      addTo(place.plain, "socyuan", s.amount_yuan);
      addTo(place.plain, `socyuan|donor|${key}`, s.amount_yuan);
    }
    if (s.beneficiaries !== undefined) {
      withBeneficiaries.add(place);
      addTo(place.cells, beneficiaryCell(key), s.beneficiaries);
    }
  }
  // A place whose rows never give a column did not supply it; a place without rows has true zeros.
  for (const place of withRows) {
    // The zero cell only makes a place without beneficiaries a true zero; beside donors it
    // would be a free slack in the total, which is exactly the sum of its donors' cells.
    place.cells.delete("soc|beneficiaries");
    if (!withBeneficiaries.has(place)) place.collected.delete("soc.beneficiaries");
    if (!withAmount.has(place)) place.collected.delete("soc.amount");
  }
  const collator = new Intl.Collator("zh-Hans-CN");
  const donors = new Map(
    [...labels].sort(([ka, a], [kb, b]) => collator.compare(a, b) || (ka < kb ? -1 : 1)),
  );
  return { months: [...months].sort(), donors };
}

function initSocial(place: PlaceCounts): void {
  place.cells.set("soc|beneficiaries", 0);
  place.plain.set("socn", 0);
  place.plain.set("socyuan", 0);
  place.plain.set("actn", 0);
  place.collected.add("soc.beneficiaries");
  place.collected.add("soc.amount");
}

/**
 * The activity and social-support tables of a year, given the months with activities and the
 * donors. Per-donor rows appear only at units where the donor gave (no zero rows).
 */
export function activityTableSpecs(
  months: readonly string[],
  donors: Donors = new Map(),
): TableSpec[] {
  const donorKeys = [...donors.keys()];
  const cells = (type: string | null, month: string | null) =>
    ACTIVITY_TYPES.filter((t) => type === null || t === type).flatMap((t) =>
      months.filter((m) => month === null || m === month).map((m) => `act|${t}|${m}`),
    );
  // Participation splits have no P2 group (see coverageTableSpecs): they count what schools
  // did, in person-times, not children's circumstances. Small counts are still P1.
  const specs: TableSpec[] = [
    {
      table: "act.n",
      title: "关爱活动次数",
      plain: true,
      rows: [{ category: "", label: "活动次数", keys: ["actn"], total: true }],
    },
    {
      table: "act.n.type",
      title: "各类关爱活动次数",
      plain: true,
      zeroIfEmpty: true,
      rows: ACTIVITY_TYPES.map((t) => ({ category: t, label: t, keys: [`actn|type|${t}`] })),
    },
    {
      table: "act.n.month",
      title: "各月关爱活动次数",
      plain: true,
      zeroIfEmpty: true,
      rows: months.map((m) => ({ category: m, label: monthLabel(m), keys: [`actn|month|${m}`] })),
    },
    {
      table: "act.lb",
      title: "参加关爱活动的留守儿童人次",
      zeroIfEmpty: true,
      rows: [{ category: "", label: "留守儿童人次", keys: cells(null, null), total: true }],
    },
    {
      table: "act.lb.type",
      title: "各类关爱活动的留守儿童参与人次",
      rows: ACTIVITY_TYPES.map((t) => ({
        category: t,
        label: t,
        keys: cells(t, null),
      })),
    },
    {
      table: "act.lb.month",
      title: "各月关爱活动的留守儿童参与人次",
      rows: months.map((m) => ({
        category: m,
        label: monthLabel(m),
        keys: cells(null, m),
      })),
    },
    {
      table: "soc.n",
      title: "社会关爱（捐赠、走访）次数",
      plain: true,
      rows: [{ category: "", label: "次数", keys: ["socn"], total: true }],
    },
    {
      table: "soc.yuan",
      title: "社会关爱折合金额（元）",
      plain: true,
      family: "soc.amount",
      rows: [{ category: "", label: "折合金额（元）", keys: ["socyuan"], total: true }],
    },
    {
      table: "soc.beneficiaries",
      title: "社会关爱受助留守儿童人次",
      family: "soc.beneficiaries",
      zeroIfEmpty: true,
      // The total is the sum of the donors' cells (the "soc|beneficiaries" zero cell makes a
      // place without social rows a true zero), so the per-donor split adds up in the system.
      rows: [
        {
          category: "",
          label: "受助留守儿童人次",
          keys: ["soc|beneficiaries", ...donorKeys.map(beneficiaryCell)],
          total: true,
        },
      ],
    },
    {
      table: "soc.n.donor",
      title: "各单位社会关爱次数",
      plain: true,
      rows: donorKeys.map((k) => ({
        category: k,
        label: donors.get(k)!,
        keys: [`socn|donor|${k}`],
      })),
    },
    {
      table: "soc.yuan.donor",
      title: "各单位社会关爱折合金额（元）",
      plain: true,
      family: "soc.amount",
      rows: donorKeys.map((k) => ({
        category: k,
        label: donors.get(k)!,
        keys: [`socyuan|donor|${k}`],
      })),
    },
    {
      table: "soc.beneficiaries.donor",
      title: "各单位社会关爱受助留守儿童人次",
      family: "soc.beneficiaries",
      // Like participation, a count of person-times helped, not of children's circumstances:
      // no P2 group; small counts are P1 as everywhere.
      rows: donorKeys.map((k) => ({
        category: k,
        label: donors.get(k)!,
        keys: [beneficiaryCell(k)],
      })),
    },
  ];
  return specs.map((spec) => ({ ...spec, countyWide: true }));
}

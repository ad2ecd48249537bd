/**
 * The area hierarchy of one school year: region → 乡镇 → 学校, or region → 区县 → 乡镇 → 学校
 * when the data holds more than one 区县 (a city bureau's site).
 */
import type { SchoolRow } from "../validate/schemas.ts";

/** 0 school, 1 乡镇, 2 区县, 3 region (the order of the secondary suppression's costs). */
export type UnitLevel = 0 | 1 | 2 | 3;

export interface Unit {
  /**
   * Stable across years: the 学校标识码 for a school, "t:<区县>/<乡镇>" for a township,
   * "c:<区县>" for a county and "region" for the whole site.
   */
  id: string;
  /** Chinese name (school names are public). */
  name: string;
  level: UnitLevel;
  /** Id of the unit above (none for the region). */
  parent?: string;
  /** Ids of the units directly below, in data order. */
  children: string[];
  /** Ids of every school at or below this unit, in data order. */
  schools: string[];
}

export interface Hierarchy {
  /** Every unit, the region first, then counties, townships and schools. */
  units: Unit[];
  byId: Map<string, Unit>;
  /** Whether the region is split into 区县. */
  hasCounties: boolean;
}

export const REGION_ID = "region";

export const countyId = (county: string) => `c:${county}`;
export const townshipId = (county: string, township: string) => `t:${county}/${township}`;

/** Builds the hierarchy of a year's schools; `regionName` names the top unit (site.json region). */
export function buildHierarchy(schools: readonly SchoolRow[], regionName: string): Hierarchy {
  const counties = [...new Set(schools.map((s) => s.county))];
  const hasCounties = counties.length > 1;
  const region: Unit = { id: REGION_ID, name: regionName, level: 3, children: [], schools: [] };
  const byId = new Map<string, Unit>([[region.id, region]]);
  const countyUnits: Unit[] = [];
  const townships: Unit[] = [];
  const schoolUnits: Unit[] = [];

  const child = (parent: Unit, unit: Omit<Unit, "children" | "schools">, list: Unit[]): Unit => {
    let u = byId.get(unit.id);
    if (!u) {
      u = { ...unit, parent: parent.id, children: [], schools: [] };
      byId.set(u.id, u);
      parent.children.push(u.id);
      list.push(u);
    }
    return u;
  };

  for (const s of schools) {
    const county = hasCounties
      ? child(region, { id: countyId(s.county), name: s.county, level: 2 }, countyUnits)
      : region;
    const township = child(
      county,
      { id: townshipId(s.county, s.township), name: s.township, level: 1 },
      townships,
    );
    const school = child(township, { id: s.school_id, name: s.school_name, level: 0 }, schoolUnits);
    for (let u: Unit | undefined = school; u; u = u.parent ? byId.get(u.parent) : undefined) {
      u.schools.push(s.school_id);
    }
  }
  return { units: [region, ...countyUnits, ...townships, ...schoolUnits], byId, hasCounties };
}

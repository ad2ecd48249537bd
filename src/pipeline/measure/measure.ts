/**
 * The `measure` stage: validated rows → count tables, ratios and coverage for every school
 * year and every unit, and one CountSystem per year for `protect`.
 */
import type { SiteConfig } from "../validate/siteConfig.ts";
import type { ValidatedData } from "../validate/validateData.ts";
import type { CareRecord, ValidatedYear } from "../validate/validateYear.ts";
import { addActivities, activityTableSpecs } from "./activities.ts";
import { buildSystem, type YearSystem } from "./buildSystem.ts";
import { addCoverage, coverageSettings, coverageTableSpecs } from "./coverage.ts";
import { isLeftBehind } from "./definitions.ts";
import { buildHierarchy, countyId, REGION_ID, type Hierarchy } from "./hierarchy.ts";
import type { PlaceCounts } from "./placeCounts.ts";
import { countSchool, rosterTableSpecs } from "./tables.ts";
import { yearOnYear, type YoyPair } from "./yoy.ts";
import type { Grade } from "../validate/values.ts";

export interface MeasuredYear extends YearSystem {
  year: string;
  startYear: number;
  hierarchy: Hierarchy;
}

export interface Measured {
  /** Oldest first, as in the data folder. */
  years: MeasuredYear[];
  /** Year-on-year pairs of headline figures, for every pair of consecutive years. */
  yoy: YoyPair[];
}

/** Measures one school year. */
export function measureYear(year: ValidatedYear, config: SiteConfig): MeasuredYear {
  const hierarchy = buildHierarchy(year.schools, config.region);
  const bySchool = new Map<string, number[]>(year.schools.map((s) => [s.school_id, []]));
  year.students.forEach((s, i) => bySchool.get(s.school_id)?.push(i));

  const schools = new Map<string, PlaceCounts>();
  for (const school of year.schools) {
    const students = bySchool.get(school.school_id)!.map((i) => year.students[i]!);
    schools.set(
      school.school_id,
      countSchool(school, students, { defaultDefinition: config.defaultDefinition }),
    );
  }

  const settings = coverageSettings(config, year.startYear);
  if (year.care.length > 0) {
    const records = new Map<number, CareRecord[]>();
    for (const r of year.care) {
      const list = records.get(r.student);
      if (list) list.push(r);
      else records.set(r.student, [r]);
    }
    for (const [id, place] of schools) {
      const children = bySchool
        .get(id)!
        .filter((i) => isLeftBehind(year.students[i]!, settings.definition));
      addCoverage(place, children, records, settings);
    }
  }

  const countyPlaces = new Map<string, PlaceCounts>();
  const { months, donors } = addActivities(year, schools, countyPlaces, (county) =>
    hierarchy.hasCounties ? countyId(county) : REGION_ID,
  );

  const grades = [...new Set(year.students.map((s) => s.grade))].sort((a, b) => a - b) as Grade[];
  const codes = [...new Set(year.schools.map((s) => s.urban_rural))];
  const specs = [
    ...rosterTableSpecs(config.defaultDefinition, grades, codes),
    ...coverageTableSpecs(settings),
    ...activityTableSpecs(months, donors),
  ];
  const places = [...schools.values(), ...countyPlaces.values()];
  const built = buildSystem(`${config.region} ${year.year}`, hierarchy, places, specs);
  return { year: year.year, startYear: year.startYear, hierarchy, ...built };
}

/** Measures every school year of validated data; needs a valid site.json. */
export function measure(data: ValidatedData): Measured {
  const config = data.config;
  if (!config) throw new Error("measure needs a valid site.json");
  const years = data.years.map((y) => measureYear(y, config));
  const yoy = years.slice(1).flatMap((y, i) => yearOnYear(years[i]!, y));
  return { years, yoy };
}

/** School years as the data folder names them ("2024-2025"): 1 September to 31 August. */

/** The newest school year of every sample starts in September 2024 (2024-2025). */
export const NEWEST_YEAR_START = 2024;

export interface SchoolYear {
  /** Folder name, e.g. "2024-2025". */
  readonly label: string;
  /** Calendar year in which the school year starts. */
  readonly start: number;
  /** First day, YYYY-09-01. */
  readonly firstDay: string;
  /** Last day, (YYYY+1)-08-31. */
  readonly lastDay: string;
}

/** The school year starting in September of `start`. */
export function schoolYear(start: number): SchoolYear {
  return {
    label: `${start}-${start + 1}`,
    start,
    firstDay: `${start}-09-01`,
    lastDay: `${start + 1}-08-31`,
  };
}

/** `count` consecutive school years, oldest first, the newest starting in `newestStart`. */
export function schoolYears(newestStart: number, count: number): SchoolYear[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`invalid year count: ${count}`);
  return Array.from({ length: count }, (_, i) => schoolYear(newestStart - count + 1 + i));
}

/**
 * School months of the year as [calendar year, month] pairs in order: Sep–Dec, then Mar–Jun
 * (the default `schoolMonths` of site.json).
 */
export function schoolMonths(year: SchoolYear): [number, number][] {
  return [
    [year.start, 9],
    [year.start, 10],
    [year.start, 11],
    [year.start, 12],
    [year.start + 1, 3],
    [year.start + 1, 4],
    [year.start + 1, 5],
    [year.start + 1, 6],
  ];
}

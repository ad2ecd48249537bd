/**
 * Calendar helpers on ISO dates ("2024-09-01"), computed with UTC day numbers so that no
 * clock or time zone is involved.
 */
import type { Rng } from "./random.ts";

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of an ISO date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** ISO date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO date from parts. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A uniformly random date in [from, to], both inclusive. */
export function randomDate(rng: Rng, from: string, to: string): string {
  return fromDayNumber(rng.int(dayNumber(from), dayNumber(to)));
}

/**
 * Moves a Saturday or Sunday to a school day for events held at school: forward to the
 * Monday, or back to the Friday when Monday would pass `latest`. Stays within
 * [earliest, latest] when those are given (a weekend at either end is then kept).
 */
export function toSchoolDay(iso: string, earliest?: string, latest?: string): string {
  const w = weekday(iso);
  if (w !== 0 && w !== 6) return iso;
  const monday = addDays(iso, w === 6 ? 2 : 1);
  if (latest === undefined || monday <= latest) return monday;
  const friday = addDays(iso, w === 6 ? -1 : -2);
  return earliest === undefined || friday >= earliest ? friday : iso;
}

/** The ways dates appear in exports; all are accepted by the data contract §8. */
export type DateStyle = "iso" | "slash" | "chinese" | "compact";

/** Writes an ISO date in one of the accepted styles: 2015-09-01, 2015/9/1, 2015年9月1日, 20150901. */
export function formatDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split("-") as [string, string, string];
  switch (style) {
    case "iso":
      return iso;
    case "slash":
      return `${y}/${Number(m)}/${Number(d)}`;
    case "chinese":
      return `${y}年${Number(m)}月${Number(d)}日`;
    case "compact":
      return `${y}${m}${d}`;
  }
}

/** Whole years of age on a given day. */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

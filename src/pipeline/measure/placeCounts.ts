/**
 * The counts of one place — a school, or the county-wide rows of activities.csv and social.csv —
 * as named inner cells. Every published count is a sum of such cells over the places of a unit
 * (disclosure spec §3); the names say what a cell counts, e.g. "sex|男|lb" (left-behind boys)
 * or "cov|谈心|2024-10|是" (left-behind children with a talk in October 2024).
 */
import type { DefinitionId } from "./definitions.ts";

/**
 * What a partition splits: the school's enrolment, or its left-behind total under a definition.
 * Every partition of the same whole sums to the same value, which links the tables.
 */
export type Whole = "enr" | DefinitionId;

export interface Partition {
  /** The table family this split belongs to, e.g. "sex", "cov.建档". */
  family: string;
  whole: Whole;
  /** Cell keys whose values sum to the whole. */
  keys: string[];
}

export interface PlaceCounts {
  /** School id, or "county:<区县>" for county-wide rows. */
  id: string;
  /** The unit the place belongs to directly: the school itself, a 区县 or the region. */
  unit: string;
  /** Whether the place is a school (has a roster); county-wide places only count activities. */
  isSchool: boolean;
  enrolment: number;
  /** Inner-cell values (children, child-months, participants): non-negative integers. */
  cells: Map<string, number>;
  /** Names standing for several cells (e.g. "urban|乡村|enr" → the school's enrolment cells). */
  aliases: Map<string, string[]>;
  partitions: Partition[];
  /** Families the place supplied (optional roster columns, care records, amounts). */
  collected: Set<string>;
  /** Numbers published as they are, not about children (activities, 元, schools). */
  plain: Map<string, number>;
}

/** An empty place. */
export function newPlace(id: string, unit: string, isSchool: boolean): PlaceCounts {
  return {
    id,
    unit,
    isSchool,
    enrolment: 0,
    cells: new Map(),
    aliases: new Map(),
    partitions: [],
    collected: new Set(),
    plain: new Map(),
  };
}

/** Adds `n` to a cell (creating it at 0 first, so that true zeros exist as cells). */
export function addTo(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** The cell keys that partition a whole at its coarsest (used when a family was not supplied). */
export const BASE_KEYS: Record<Whole, readonly string[]> = {
  enr: ["moe|非留守儿童", "moe|单亲留守儿童", "moe|双亲留守儿童"],
  moe: ["moe|单亲留守儿童", "moe|双亲留守儿童"],
  sc: ["sc|是"],
};

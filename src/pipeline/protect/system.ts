/**
 * The linear system that disclosure control works on, one per region and school year
 * (statistics-and-disclosure.md §3). `measure/` builds it from validated rows; `protect/`
 * decides what may be published and audits it. Nothing here knows about schools or grades:
 * a system is inner cells and the figures that are sums of them.
 *
 * - An **inner cell** is a count that is never split further (e.g. left-behind boys in grade 3
 *   of school S). Values are non-negative integers.
 * - A **figure** is a count that a page, chart, table, download or sentence could show: a sum of
 *   inner cells. A figure may have several **decompositions** over different inner cells (the
 *   left-behind total of school S is both the sum of its by-sex cells and of its by-grade
 *   cells): anyone who sees the tables knows all decompositions are equal, which links tables.
 * - A figure that is not printed but can be computed (not-left-behind = enrolment −
 *   left-behind) needs no entry of its own: it is a linear combination of what is published,
 *   and the audit solves over the whole system.
 */

/** Why a figure must be suppressed by itself (primary suppression). */
export type PrimaryRule = "P1" | "P2" | "P3";

export interface InnerCell {
  /** Non-negative integer. */
  value: number;
}

export interface Figure {
  /** Stable id, unique in the system, e.g. "lb.sex|school=2151270201|sex=女". */
  id: string;
  /** The published table this figure belongs to, e.g. "lb.sex". */
  table: string;
  /** Each decomposition lists inner-cell indices whose sum is this figure (at least one). */
  decompositions: number[][];
  /** Counts a sensitive group (孤儿, 残疾, 家庭经济困难, 单亲家庭): threshold kSensitive. */
  sensitive?: boolean;
  /**
   * The figure this one is a part of (its group), for P2: if `parent − this` is between 0 and
   * k − 1, this figure is primary ("every grade-3 pupil is left-behind", "all but two").
   */
  parent?: string;
  /** P3: a breakdown of a unit whose enrolment is under 10; never published. */
  smallUnit?: boolean;
  /**
   * Public knowledge (statistics-and-disclosure.md §3): enrolment — total and by sex, grade,
   * stage, boarding and 城乡 — is known to every outsider (education statistics, the school's
   * notice board, the village). Such a figure is never primary and never suppressed, and every
   * audit treats it as known.
   */
  public?: boolean;
  /**
   * Position in the hierarchy, for the secondary suppression's cost order: lower levels and
   * interior cells are suppressed first (0 = school, 1 = 乡镇, 2 = 区县, 3 = region).
   */
  level: number;
  /** True for a total or margin of its table (suppressed last). */
  total?: boolean;
  /**
   * A headline figure of its unit (enrolment, left-behind count, the split by sex): what
   * every page, chart and summary leads with. Secondary suppression and interval repair take
   * every other candidate first.
   */
  headline?: boolean;
}

/** A published percentage: numerator / denominator, shown with `decimals` decimals. */
export interface Ratio {
  id: string;
  numerator: string;
  denominator: string;
  decimals: number;
}

export interface CountSystem {
  /** e.g. "清河县 2024-2025". */
  name: string;
  cells: InnerCell[];
  figures: Figure[];
  ratios: Ratio[];
}

export interface Thresholds {
  k: number;
  kSensitive: number;
}

/** What may be shown of a figure. */
export type FigureStatus =
  | { status: "published"; value: number }
  | { status: "zero" }
  | {
      status: "suppressed";
      /** Why: a primary rule, or "secondary" (to protect another figure). */
      reason: PrimaryRule | "secondary";
      /** The interval an attacker can prove from everything published (from the audit). */
      interval: [number, number];
    };

/** What may be shown of a ratio: its rounded value, a band, or nothing. */
export type RatioStatus =
  | { status: "published"; percent: number }
  | { status: "band"; atLeast?: number; atMost?: number }
  | { status: "suppressed" };

export interface AuditFailure {
  figure: string;
  check: "A1" | "A2" | "A3" | "A4";
  detail: string;
  /** How much wider the failing interval (or the complement's reach) must become. */
  need?: number;
}

export interface ProtectedSystem {
  name: string;
  figures: Map<string, FigureStatus>;
  ratios: Map<string, RatioStatus>;
  audit: { passed: boolean; failures: AuditFailure[] };
}

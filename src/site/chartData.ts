/** Shown values (protected tables) → chart data: suppressed stays suppressed, never zero. */
import type { Datum } from "./charts/index.ts";
import type { Shown } from "./format.ts";

const STATUS = {
  pub: "published",
  zero: "zero",
  sup: "suppressed",
  nc: "notCollected",
  na: "notApplicable",
} as const;

export function datum(label: string, shown: Shown, series?: string): Datum {
  const status = STATUS[shown.kind];
  return {
    label,
    value: status === "published" || status === "zero" ? (shown.value ?? 0) : null,
    status,
    display: shown.text,
    ...(series !== undefined ? { series } : {}),
  };
}

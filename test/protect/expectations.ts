import { expect } from "vitest";
import { primary } from "../../src/pipeline/protect/primary.ts";
import type {
  CountSystem,
  FigureStatus,
  ProtectedSystem,
  Thresholds,
} from "../../src/pipeline/protect/system.ts";

export const K5: Thresholds = { k: 5, kSensitive: 10 };

/** The ids of the suppressed figures, sorted. */
export function suppressedIds(result: ProtectedSystem): string[] {
  return [...result.figures]
    .filter(([, s]) => s.status === "suppressed")
    .map(([id]) => id)
    .sort();
}

export function statusOf(result: ProtectedSystem, id: string): FigureStatus {
  const status = result.figures.get(id);
  if (!status) throw new Error(`no status for ${id}`);
  return status;
}

export function intervalOf(result: ProtectedSystem, id: string): [number, number] {
  const status = statusOf(result, id);
  if (status.status !== "suppressed") throw new Error(`${id} is ${status.status}`);
  return status.interval;
}

/** The audit passed and every primary figure is suppressed with its primary reason. */
export function expectSafe(system: CountSystem, result: ProtectedSystem, t = K5): void {
  expect(result.audit.failures).toEqual([]);
  expect(result.audit.passed).toBe(true);
  for (const [id, rules] of primary(system, t)) {
    const status = statusOf(result, id);
    expect(status.status, id).toBe("suppressed");
    if (status.status === "suppressed") expect(rules).toContain(status.reason);
  }
}

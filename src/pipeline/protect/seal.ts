/**
 * Attaches the `Publishable` brand. Only `protect/` may import this (ESLint enforces it): a
 * value becomes publishable only after primary and secondary suppression and a passing audit.
 */
import type { Publishable } from "../publish/publishable.ts";

export function seal<T>(value: T): Publishable<T> {
  return value as Publishable<T>;
}

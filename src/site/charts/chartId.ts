/**
 * A deterministic id for a chart: FNV-1a over the serialized input, so that the same input
 * always gives byte-identical output and no id depends on a counter or the clock.
 */
export function chartId(kind: string, input: unknown): string {
  const text = JSON.stringify([kind, input]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `chart-${kind}-${hash.toString(36)}`;
}

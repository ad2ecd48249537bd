/** A published year for tests of what pages and summaries make of published tables. */
import type {
  PublishedChange,
  PublishedTable,
  PublishedUnit,
  PublishedYear,
} from "../../src/pipeline/publish/publishable.ts";

/** The year 2024-2025 of 青岚县 with these units, tables and changes (no disclosure report). */
export function publishedYear(
  units: PublishedUnit[],
  tables: PublishedTable[],
  changes: PublishedChange[] = [],
): PublishedYear {
  return {
    year: "2024-2025",
    region: "青岚县",
    units,
    tables,
    changes,
    disclosure: {
      k: 5,
      kSensitive: 10,
      figures: 0,
      published: 0,
      zeros: 0,
      suppressed: { P1: 0, P2: 0, P3: 0, secondary: 0 },
      ratios: { published: 0, band: 0, suppressed: 0 },
      tables: [],
      loss: [],
      headlineSecondary: [],
    },
  };
}

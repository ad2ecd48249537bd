/**
 * The page's settings from a data folder, for `npm run self-check`: site.json and the newest
 * year's schools.csv only — the bureau makes the page before the schools' files come in.
 * Both files go through the same checks as in `check`; any error in them is returned and no
 * page is made.
 */
import { listDataDir } from "../pipeline/read/dataDir.ts";
import { fsSource } from "../pipeline/read/fsSource.ts";
import { ProblemSink, type Problem } from "../pipeline/problems.ts";
import { sortProblems } from "../pipeline/validate/sortProblems.ts";
import { parseSiteConfig } from "../pipeline/validate/validateData.ts";
import { validateYear } from "../pipeline/validate/validateYear.ts";
import { selfCheckSettings, type SelfCheckSettings } from "./settings.ts";

export interface LoadedSettings {
  /** Null when site.json or the school list has an error (listed in `problems`). */
  settings: SelfCheckSettings | null;
  /** Problems of site.json, the folder and the newest year's schools.csv. */
  problems: Problem[];
}

export async function loadSelfCheckSettings(dataDir: string): Promise<LoadedSettings> {
  const sink = new ProblemSink();
  const listing = await listDataDir(dataDir, sink);
  const year = listing?.years.at(-1);
  if (listing && !listing.hasSiteJson) sink.report("E_SITE_JSON_MISSING", "site.json", null, null);
  const config = listing?.siteJson ? parseSiteConfig(listing.siteJson, sink) : null;
  if (listing && !year) sink.report("E_NO_YEAR_FOLDERS", "", null, null);
  let schools: Awaited<ReturnType<typeof validateYear>>["schools"] = [];
  if (year) {
    // Only the school list: the year's other files are the schools' to send.
    const only = { ...year, students: [], care: [], activities: null, social: null };
    const yearSink = new ProblemSink();
    schools = (await validateYear(fsSource(listing!.root), only, yearSink, { keepRows: false }))
      .schools;
    const wanted = new Set(["E_SCHOOLS_MISSING"]);
    for (const p of yearSink.finish()) {
      if (p.file === year.schools || wanted.has(p.code)) sink.add(p);
    }
  }
  const problems = sortProblems(sink.finish());
  const failed = sink.count("error") > 0 || !config || !year;
  return {
    settings: failed ? null : selfCheckSettings(config, year.year, schools),
    problems,
  };
}

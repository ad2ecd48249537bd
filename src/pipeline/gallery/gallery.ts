/**
 * Activity galleries (data contract §6): for every school year, the activities with their
 * titles and summaries redacted (roster names → 某同学, numbers → ＊＊＊, each a warning), the
 * photos with guardian consent processed to WebP (content-hash names, no metadata), and the
 * count of photos withheld for lack of consent; and the year's social support (donor, items
 * redacted the same way). Pages consume `GalleryYear` only.
 *
 * Per-activity participant counts are shown as they are from k up and as "少于k人" below
 * (a small count of children at one event is never printed exactly).
 */
import { activityPhotosOf, processPhotos, type PublishedPhoto } from "../photos/processPhotos.ts";
import { publicPlaceTest } from "../names.ts";
import { ProblemSink, type Problem } from "../problems.ts";
import { donorKey } from "../measure/activities.ts";
import { buildHierarchy, REGION_ID } from "../measure/hierarchy.ts";
import { DecodeError } from "../read/decode.ts";
import { readSummaryText } from "../read/summaryText.ts";
import {
  buildNameMatcher,
  redactActivities,
  redactSocial,
  redactSummaryText,
  type RosterNames,
} from "../redact/redact.ts";
import type { ValidatedData } from "../validate/validateData.ts";

export interface GalleryActivity {
  /** 1-based position in the year's list (by date, then file order): the page's name. */
  n: number;
  date: string;
  /** "2024-09". */
  month: string;
  title: string;
  summary?: string;
  type: string;
  school?: { id: string; name: string; township: string };
  county?: string;
  photos: PublishedPhoto[];
  withheld: number;
}

/** A donation or visit (社会关爱): who gave what, where. Organisations are public. */
export interface GalleryDonation {
  date: string;
  donor: string;
  /** The donor's category in the soc.*.donor tables (`donorKey`). */
  donorKey: string;
  /** What was given, redacted. */
  items: string;
  school?: { id: string; name: string; township: string };
  county?: string;
}

/** The bureau's 下一步工作 for one unit's summary, redacted. */
export interface NextSteps {
  /** The unit id ("region", "t:<区县>/<乡镇>", a 学校标识码). */
  unit: string;
  paragraphs: string[];
}

export interface GalleryYear {
  year: string;
  activities: GalleryActivity[];
  /** Social support by date (then file order). */
  donations: GalleryDonation[];
  /** The bureau's texts for 下一步工作, one per unit that has one. */
  nextSteps: NextSteps[];
}

export interface GalleryResult {
  years: GalleryYear[];
  problems: Problem[];
  errors: number;
  warnings: number;
  stats: { processed: number; fromCache: number };
}

export async function buildGalleries(
  dataDir: string,
  data: ValidatedData,
  siteDir: string,
  cacheDir: string,
): Promise<GalleryResult> {
  const config = data.config;
  if (!config) throw new Error("buildGalleries needs a valid site.json");
  const sink = new ProblemSink();
  const stats = { processed: 0, fromCache: 0 };
  const years: GalleryYear[] = [];
  // Names that are part of a place name are public (a pupil called 向阳, 向阳小学).
  const isPlace = publicPlaceTest(data);
  for (const year of data.years) {
    const names = [...year.names].filter((n) => !isPlace(n));
    const matcher = buildNameMatcher(names);
    const redacted = redactActivities(year.activities, matcher, sink);
    const photos = await processPhotos({
      dataDir,
      year: year.year,
      activities: activityPhotosOf(year.activities),
      outDir: siteDir,
      cacheDir,
      urlBase: config.basePath,
      problems: sink,
    });
    stats.processed += photos.stats.processed;
    stats.fromCache += photos.stats.fromCache;
    const schools = new Map(year.schools.map((s) => [s.school_id, s]));
    const list = redacted.map((a, i) => {
      const school = a.school_id ? schools.get(a.school_id) : undefined;
      const gallery = photos.activities[i]!;
      return {
        n: 0,
        date: a.date,
        month: a.date.slice(0, 7),
        title: a.title,
        ...(a.summary ? { summary: a.summary } : {}),
        type: a.activity_type,
        ...(school
          ? {
              school: { id: school.school_id, name: school.school_name, township: school.township },
            }
          : {}),
        ...(a.county ? { county: a.county } : {}),
        photos: gallery.photos,
        withheld: gallery.withheld,
        order: i,
      };
    });
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
    const donations = redactSocial(year.social, matcher, sink)
      .map((r, order) => {
        const school = r.school_id ? schools.get(r.school_id) : undefined;
        return {
          date: r.date,
          donor: r.donor,
          donorKey: donorKey(r.donor),
          items: r.items,
          ...(school
            ? {
                school: {
                  id: school.school_id,
                  name: school.school_name,
                  township: school.township,
                },
              }
            : {}),
          ...(r.county ? { county: r.county } : {}),
          order,
        };
      })
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order))
      .map(({ order: _order, ...d }) => d);
    years.push({
      year: year.year,
      activities: list.map(({ order: _order, ...a }, i) => ({ ...a, n: i + 1 })),
      donations,
      nextSteps: await nextStepsOf(dataDir, year, config.region, matcher, sink),
    });
  }
  const counts = [...sink.countsByFile().values()];
  return {
    years,
    problems: sink.problems,
    errors: counts.reduce((a, c) => a + c.errors, 0),
    warnings: counts.reduce((a, c) => a + c.warnings, 0),
    stats,
  };
}

/**
 * The bureau's texts of a year, each matched to the unit its file is named after (the
 * region as "region", "全县"-style or by name; a 乡镇 or school by name; a school by its
 * 学校标识码) and redacted like every published free text. A file naming no unit, or a name
 * two units share, is a warning and is not used.
 */
export async function nextStepsOf(
  dataDir: string,
  year: ValidatedData["years"][number],
  regionName: string,
  matcher: RosterNames,
  sink: ProblemSink,
): Promise<NextSteps[]> {
  const files = year.summaryTexts ?? [];
  if (files.length === 0) return [];
  const units = buildHierarchy(year.schools, regionName).units;
  const byKey = new Map<string, string[]>();
  const add = (key: string, id: string) => {
    const k = key.normalize("NFKC").trim();
    const list = byKey.get(k) ?? [];
    if (!list.includes(id)) list.push(id);
    byKey.set(k, list);
  };
  for (const u of units) {
    add(u.id, u.id);
    add(u.name, u.id);
  }
  add("全县", REGION_ID);
  const out = new Map<string, NextSteps>();
  for (const file of files) {
    let text;
    try {
      text = await readSummaryText(dataDir, file);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      const code = e.failure.kind === "binary" ? "E_FILE_BINARY" : "E_ENCODING_INVALID";
      sink.report(code, file, null, null, { extra: e.failure.reason });
      continue;
    }
    const ids = byKey.get(text.key) ?? [];
    if (ids.length !== 1) {
      sink.report("W_SUMMARY_TEXT_UNIT_UNKNOWN", file, null, null, {
        value: text.key,
        ...(ids.length > 1 ? { extra: "有不止一个单位叫这个名字。" } : {}),
      });
      continue;
    }
    const paragraphs = text.paragraphs.map((p, i) =>
      redactSummaryText(p, matcher, sink, file, i + 1),
    );
    if (paragraphs.length > 0) out.set(ids[0]!, { unit: ids[0]!, paragraphs });
  }
  return [...out.values()];
}

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
import { buildNameMatcher, redactActivities, redactSocial } from "../redact/redact.ts";
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

export interface GalleryYear {
  year: string;
  activities: GalleryActivity[];
  /** Social support by date (then file order). */
  donations: GalleryDonation[];
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

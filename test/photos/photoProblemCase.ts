/**
 * The fixture of E_PHOTO_UNREADABLE in the shape of the problem catalogue's table
 * (test/validate/problemCodes.test.ts): the base county, validated with its rows kept, then
 * its photos processed, with the base photo (photos/zhongqiu.jpg, consented, activities.csv row 2)
 * replaced by only the first bytes of a JPEG, so that it cannot be decoded.
 */
import path from "node:path";
import { activityPhotosOf, processPhotos } from "../../src/pipeline/photos/processPhotos.ts";
import { validateData, type ValidationResult } from "../../src/pipeline/validate/validateData.ts";
import { BROKEN_JPEG, PHOTO, tempDir, withProblems, writeDataDir } from "../helpers/dataDir.ts";

export async function photoUnreadableCase(): Promise<ValidationResult> {
  const dir = await writeDataDir({ [PHOTO]: BROKEN_JPEG });
  const result = await validateData(dir, { keepRows: true });
  const out = await tempDir();
  const problems = [];
  for (const year of result.data.years) {
    const photos = await processPhotos({
      dataDir: dir,
      year: year.year,
      activities: activityPhotosOf(year.activities),
      outDir: path.join(out, "site"),
      cacheDir: path.join(out, "cache"),
    });
    problems.push(...photos.problems);
  }
  return withProblems(result, problems);
}

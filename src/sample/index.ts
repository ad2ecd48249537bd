/**
 * The sample-data generator: a synthetic county that follows the data contract, for the
 * embedded sample (data/), tests and benchmarks.
 */
export { REFERENCE_SCHOOL } from "./referenceSchool.ts";
export {
  DEFAULT_SAMPLE_OPTIONS,
  NEWEST_YEAR_START,
  generateSample,
  sampleModel,
  type Sample,
  type SampleFile,
  type SampleModel,
  type SampleFormat,
  type SampleOptions,
  type YearSummary,
} from "./generateSample.ts";
export { clearGenerated, folderState, writeSampleFiles } from "./writeSample.ts";
export { SAMPLE_USAGE, SampleArgsError, checkSampleArgs } from "./sampleArgs.ts";
export { writeLargeRoster, type LargeRosterOptions } from "./largeRoster.ts";
export { exifTagIds } from "./exifTags.ts";
export { isValidIdNumber } from "./idNumber.ts";

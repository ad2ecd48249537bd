/** What the self-check page and its worker say to each other (structured clone: no functions). */
import type { ChosenFiles, CheckProgress } from "./checkFiles.ts";
import type { SelfCheckSettings } from "./settings.ts";

export interface CheckRequest {
  settings: SelfCheckSettings;
  files: ChosenFiles;
}

export type CheckReply =
  | { progress: CheckProgress }
  | {
      done: {
        /** The report's sections (escaped HTML from `renderCheckReportSections`). */
        html: string;
        errors: number;
        warnings: number;
        rows: number;
        files: number;
      };
    }
  /** A bug, not a problem with the data (those are in `done`). */
  | { failed: string };

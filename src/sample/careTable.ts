/**
 * Care records as files: one file per 乡镇 (the township's central school collects them),
 * each township with its own habits of header spelling, date style and encoding.
 */
import type { County } from "./county.ts";
import type { CareRecord } from "./care.ts";
import type { TextEncoding } from "./csv.ts";
import { formatDate, type DateStyle } from "./dates.ts";

export interface CareFormat {
  readonly fileName: string;
  readonly encoding: TextEncoding;
  /** Contract aliases: 记录日期, 帮扶类型, 帮扶教师, 情况记录. */
  readonly aliasHeaders: boolean;
  readonly dateStyle: DateStyle;
  /** How this township writes 亲情电话 when it was a video call (contract: ⇒ 亲情电话). */
  readonly videoCall: "亲情电话" | "亲情视频" | "视频通话";
}

/** The care file format of each township, by position: variants are fixed so each appears. */
export function careFormats(county: County): Map<string, CareFormat> {
  const formats = new Map<string, CareFormat>();
  county.townships.forEach((t, i) => {
    formats.set(t.name, {
      fileName: `${t.name}.csv`,
      encoding: i === 2 || i === 5 ? "gb18030" : "utf8bom",
      aliasHeaders: i === 3,
      dateStyle: i === 3 ? "slash" : i === 4 ? "chinese" : "iso",
      videoCall: i === 1 ? "亲情视频" : i === 4 ? "视频通话" : "亲情电话",
    });
  });
  return formats;
}

/** The header and rows of a township's care file. */
export function careTable(
  records: readonly CareRecord[],
  format: CareFormat,
): { header: string[]; rows: string[][] } {
  const header = format.aliasHeaders
    ? ["记录日期", "学校标识码", "学籍号", "帮扶类型", "帮扶教师", "情况记录"]
    : ["日期", "学校标识码", "学籍号", "关爱类型", "责任人", "备注"];
  const rows = records.map((r) => [
    formatDate(r.date, format.dateStyle),
    r.schoolId,
    r.studentNo,
    // Video calls are logged under the township's own word; about half of calls are video.
    r.type === "亲情电话" && r.note.includes("视频") ? format.videoCall : r.type,
    r.staff,
    r.note,
  ]);
  return { header, rows };
}

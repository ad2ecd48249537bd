/**
 * How each school's roster export looks. Real exports differ by school: encoding, header
 * spelling, codes instead of labels, date style, missing or extra columns. Every variant
 * here is accepted by the data contract; each appears in at least one file.
 */
import type { County } from "./county.ts";
import type { TextEncoding } from "./csv.ts";
import type { DateStyle } from "./dates.ts";
import type { GradeStyle } from "./grades.ts";
import type { Rng } from "./random.ts";

export interface RosterFormat {
  /** File name inside students/. */
  readonly fileName: string;
  readonly encoding: TextEncoding;
  readonly delimiter: "," | "\t";
  /** canonical names, aliases (全国学籍号, 学生姓名, 留守类型 …), or required ones marked "*". */
  readonly headers: "canonical" | "alias" | "star";
  /** Codes (性别 1/2, 是否留守儿童 0/1/2, 是否孤儿 1/0, 就读方式 1/2) instead of labels. */
  readonly codes: boolean;
  readonly dateStyle: DateStyle;
  readonly gradeStyle: GradeStyle;
  /** 父亲外出务工 / 母亲外出务工 / 在家一方无监护能力 present. */
  readonly parentColumns: boolean;
  /** 是否孤儿 / 是否残疾 / 家庭经济困难 / 单亲家庭 present. */
  readonly sensitiveColumns: boolean;
  /** 残疾人类型 (无残疾, 视力残疾 …) instead of 是否残疾. */
  readonly disabilityType: boolean;
  /** Carries 身份证件号 and 家庭住址, which the reader must drop. */
  readonly personalColumns: boolean;
  /** Class names typed with full-width brackets: 三年级（2）班. */
  readonly fullWidthClass: boolean;
  /** Columns in a different order. */
  readonly shuffledColumns: boolean;
  /** A row of empty cells at the end, as Excel leaves after deleted rows. */
  readonly trailingEmptyRow: boolean;
}

/** The plain export: what the reference school and most schools send. */
export const PLAIN_FORMAT: Omit<RosterFormat, "fileName"> = {
  encoding: "utf8bom",
  delimiter: ",",
  headers: "canonical",
  codes: false,
  dateStyle: "iso",
  gradeStyle: "label",
  parentColumns: true,
  sensitiveColumns: true,
  disabilityType: false,
  personalColumns: false,
  fullWidthClass: false,
  shuffledColumns: false,
  trailingEmptyRow: false,
};

/** Picks `count` schools for a variant from an independent shuffle. */
function some(rng: Rng, ids: readonly string[], count: number): Set<string> {
  return new Set(rng.shuffle([...ids]).slice(0, Math.max(1, Math.min(ids.length, count))));
}

/**
 * Assigns an export format to every school. The reference school keeps the plain format so
 * that its figures are easy to check by hand; variants are spread over the others.
 */
export function assignRosterFormats(county: County, rng: Rng): Map<string, RosterFormat> {
  const others = county.schools.filter((s) => s.role !== "reference");
  // Large enough to matter, so the variants show up in the statistics.
  const sizeable = others.filter((s) => s.role !== "teaching-point").map((s) => s.id);
  const ids = others.map((s) => s.id);
  const n = ids.length;
  const share = (p: number) => Math.round(n * p);

  const gb = some(rng.fork("gb18030"), ids, share(0.3));
  const noBom = some(
    rng.fork("nobom"),
    ids.filter((id) => !gb.has(id)),
    1,
  );
  const alias = some(rng.fork("alias"), sizeable, 2);
  const star = some(
    rng.fork("star"),
    ids.filter((id) => !alias.has(id)),
    share(0.15),
  );
  const codes = some(rng.fork("codes"), ids, share(0.15));
  const dateOrder = rng.fork("dates").shuffle([...ids]);
  const noParents = some(rng.fork("parents"), sizeable, 3);
  const personal = some(rng.fork("personal"), sizeable, 1);
  const disabilityType = some(rng.fork("disability"), sizeable, 1);
  const noSensitive = some(
    rng.fork("sensitive"),
    sizeable.filter((id) => !disabilityType.has(id)),
    1,
  );
  const fullWidth = some(rng.fork("fullwidth"), ids, share(0.15));
  const shuffled = some(rng.fork("shuffled"), sizeable, 1);
  const tab = some(
    rng.fork("tab"),
    sizeable.filter((id) => !gb.has(id)),
    1,
  );
  const trailing = some(rng.fork("trailing"), ids, 2);
  const byName = some(rng.fork("names"), ids, share(0.15));
  const juniors = others.filter((s) => s.level === "初中" && s.role !== "city-junior");
  const juniorStyle = juniors[0]?.id;
  const numberStyle = others.find((s) => s.level === "九年一贯制")?.id;

  const formats = new Map<string, RosterFormat>();
  for (const school of county.schools) {
    const id = school.id;
    if (school.role === "reference") {
      formats.set(id, { ...PLAIN_FORMAT, fileName: `${id}.csv` });
      continue;
    }
    const d = dateOrder.indexOf(id);
    const dateStyle: DateStyle =
      d === 0 ? "compact" : d <= share(0.2) ? "slash" : d <= share(0.3) ? "chinese" : "iso";
    formats.set(id, {
      fileName: byName.has(id) ? `${school.name}.csv` : `${id}.csv`,
      encoding: gb.has(id) ? "gb18030" : noBom.has(id) ? "utf8" : "utf8bom",
      delimiter: tab.has(id) ? "\t" : ",",
      headers: alias.has(id) ? "alias" : star.has(id) ? "star" : "canonical",
      codes: codes.has(id),
      dateStyle,
      gradeStyle: id === juniorStyle ? "junior" : id === numberStyle ? "number" : "label",
      parentColumns: !noParents.has(id),
      sensitiveColumns: !noSensitive.has(id),
      disabilityType: disabilityType.has(id),
      personalColumns: personal.has(id),
      fullWidthClass: fullWidth.has(id),
      shuffledColumns: shuffled.has(id),
      trailingEmptyRow: trailing.has(id),
    });
  }
  return formats;
}

/**
 * The header vocabulary of every input file kind (data contract §3–§6): canonical Chinese
 * names, English keys and aliases, and the personal columns that are dropped at read time.
 *
 * The reader uses this to map a file's header row to column keys; the validator's zod
 * schemas are keyed by the same keys, so a column exists in exactly one place.
 */

export type FileKind = "schools" | "students" | "care" | "activities" | "social";

export interface ColumnHeader {
  /** English key, also accepted as a header. */
  readonly key: string;
  /** Canonical Chinese header. */
  readonly header: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  /**
   * NEVER-publish column (学籍号, 姓名, 班级, 出生日期, 责任人, 备注): its values are masked
   * in every problem message.
   */
  readonly secret?: boolean;
  /**
   * Free text published as written (活动名称, 简介, 单位, 内容): trimmed but not NFKC-normalised,
   * so that full-width Chinese punctuation stays as typed. Matching (redaction, grouping)
   * folds a copy.
   */
  readonly text?: boolean;
}

const SCHOOL_ID_ALIASES = ["学校代码", "学校编码"] as const;
const STUDENT_NO_ALIASES = ["全国学籍号", "学生编号"] as const;
const DATE_ALIASES = ["时间", "记录日期"] as const;

function col(
  key: string,
  header: string,
  aliases: readonly string[] = [],
  required = false,
  secret = false,
): ColumnHeader {
  return { key, header, aliases, required, secret };
}

/** A free-text column (see `ColumnHeader.text`). */
const text = (c: ColumnHeader): ColumnHeader => ({ ...c, text: true });

export const COLUMNS = {
  schools: [
    col("school_id", "学校标识码", SCHOOL_ID_ALIASES, true),
    col("school_name", "学校名称", ["学校"], true),
    col("county", "区县", ["县区", "所属区县"], true),
    col("township", "乡镇", ["乡镇街道", "所属乡镇"], true),
    col("level", "学段", ["办学类型", "学校类型"], true),
    col("urban_rural", "城乡分类代码", ["城乡分类"], true),
    col("has_care_home", "留守儿童之家", ["是否建有留守儿童之家"]),
    col("has_counseling_room", "心理辅导室", ["是否建有心理辅导室"]),
  ],
  students: [
    col("school_id", "学校标识码", SCHOOL_ID_ALIASES, true),
    col("student_no", "学籍号", STUDENT_NO_ALIASES, true, true),
    col("name", "姓名", ["学生姓名"], false, true),
    col("sex", "性别", [], true),
    col("birth_date", "出生日期", [], true, true),
    col("grade", "年级", [], true),
    col("class", "班级", ["班级名称"], false, true),
    col("left_behind", "是否留守儿童", ["留守儿童", "留守类型"], true),
    col("father_away", "父亲外出务工", ["父亲是否外出务工"]),
    col("mother_away", "母亲外出务工", ["母亲是否外出务工"]),
    col("home_parent_incapable", "在家一方无监护能力", []),
    col("carer", "主要照护人", ["监护类型", "监护人关系"]),
    col("orphan", "是否孤儿", ["孤儿"]),
    col("disabled", "是否残疾", ["残疾人类型", "残疾类型"]),
    col("low_income", "家庭经济困难", ["是否家庭经济困难", "建档立卡"]),
    col("single_parent_family", "单亲家庭", ["是否单亲家庭"]),
    col("boarding", "就读方式", []),
  ],
  care: [
    col("date", "日期", DATE_ALIASES, true),
    col("school_id", "学校标识码", SCHOOL_ID_ALIASES, true),
    col("student_no", "学籍号", STUDENT_NO_ALIASES, true, true),
    col("care_type", "关爱类型", ["类型", "帮扶类型"], true),
    col("staff", "责任人", ["帮扶教师", "记录人"], false, true),
    col("note", "备注", ["内容", "情况记录"], false, true),
  ],
  activities: [
    col("date", "日期", ["活动日期", ...DATE_ALIASES], true),
    col("school_id", "学校标识码", SCHOOL_ID_ALIASES, false),
    col("county", "区县", ["县区", "所属区县"]),
    text(col("title", "活动名称", ["活动主题"], true)),
    col("activity_type", "活动类型", [], true),
    col("lb_participants", "参与留守儿童人数", [], true),
    col("participants", "参与总人数", ["参与人数"]),
    text(col("summary", "简介", ["活动简介"])),
    col("photos", "照片", ["活动照片"]),
    col("photo_consent", "照片已获监护人同意", ["监护人同意"]),
  ],
  social: [
    col("date", "日期", DATE_ALIASES, true),
    col("school_id", "学校标识码", SCHOOL_ID_ALIASES, false),
    col("county", "区县", ["县区", "所属区县"]),
    text(col("donor", "单位", ["捐赠单位", "帮扶单位"], true)),
    text(col("items", "内容", ["捐赠内容", "帮扶内容"], true)),
    col("amount_yuan", "折合金额", ["金额"]),
    col("beneficiaries", "受助留守儿童人数", ["受助人数"]),
  ],
} as const satisfies Record<FileKind, readonly ColumnHeader[]>;

export type ColumnKey<K extends FileKind> = (typeof COLUMNS)[K][number]["key"];

/**
 * Columns that hold personal data the build never needs. They are recognised so that
 * they can be dropped by the reader (and named in one warning), never parsed.
 */
export const PERSONAL_HEADERS: readonly string[] = [
  "身份证件号",
  "身份证号",
  "身份证号码",
  "公民身份号码",
  "证件号码",
  "家庭住址",
  "住址",
  "现住址",
  "户籍地址",
  "户口所在地",
  "出生地",
  "籍贯",
  "联系电话",
  "电话",
  "手机",
  "手机号",
  "手机号码",
  "监护人姓名",
  "监护人电话",
  "监护人联系电话",
  "监护人身份证件号",
  "监护人身份证号",
  "父亲姓名",
  "母亲姓名",
  "父亲电话",
  "母亲电话",
  "家长姓名",
  "家长电话",
];

/**
 * Normalises a header cell: NFKC, trims (U+3000 included), drops a trailing `*` (Excel
 * templates mark required columns that way) and a trailing unit in brackets such as "(元)".
 */
export function normalizeHeader(raw: string): string {
  let h = raw.normalize("NFKC").trim();
  h = h.replace(/\*+$/, "").trim();
  h = h.replace(/\((元|人|人数|个)\)$/, "").trim();
  return h;
}

const personal = new Set(PERSONAL_HEADERS.map(normalizeHeader));

/** Lookup from every accepted header spelling (normalised, English keys lower-cased) to its column. */
export function headerLookup(kind: FileKind): Map<string, ColumnHeader> {
  const map = new Map<string, ColumnHeader>();
  for (const c of COLUMNS[kind] as readonly ColumnHeader[]) {
    for (const name of [c.header, c.key, ...c.aliases])
      map.set(normalizeHeader(name).toLowerCase(), c);
  }
  return map;
}

export function isPersonalHeader(normalized: string): boolean {
  return personal.has(normalized);
}

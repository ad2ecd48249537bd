/**
 * The problem catalogue: every problem a school's data can have, with a stable code (never
 * renamed once shipped), a severity, and a plain-Chinese message that says what is wrong,
 * why it matters and how to fix it.
 *
 * Internal invariant failures are not problems: they throw terse English errors.
 */

export type Severity = "error" | "warning";

/** One problem, exactly as written to the JSON report. */
export interface Problem {
  /** Path relative to the data folder, with forward slashes ("" for the folder itself). */
  file: string;
  /** Row number as Excel shows it (header = 1); null for a problem with the whole file. */
  row: number | null;
  /** Header text as written in the file; null when the problem is not about one column. */
  column: string | null;
  code: ProblemCode;
  severity: Severity;
  message: string;
}

/** Details a message may quote. `value` must already be masked for NEVER-publish columns. */
export interface Detail {
  value?: string;
  expected?: string;
  extra?: string;
  count?: number;
}

interface Entry {
  severity: Severity;
  /** Short title for report headings. */
  title: string;
  message: (d: Detail) => string;
}

const q = (v: string | undefined) => `“${v ?? ""}”`;

function entries<T extends Record<string, Entry>>(t: T): T {
  return t;
}

export const CATALOGUE = entries({
  // ---- the data folder ----
  E_DATA_DIR_MISSING: {
    severity: "error",
    title: "找不到数据文件夹",
    message: (d) =>
      `找不到数据文件夹${q(d.value)}。没有数据就无法检查和生成网站。请确认路径是否正确，或不加 --data 使用内置示例数据。`,
  },
  E_NO_YEAR_FOLDERS: {
    severity: "error",
    title: "没有学年文件夹",
    message: () =>
      `数据文件夹中没有按学年命名的子文件夹（如“2024-2025”）。每个学年的数据必须放在一个这样命名的文件夹中。请按《数据填报说明》整理文件夹。`,
  },
  W_UNKNOWN_ENTRY: {
    severity: "warning",
    title: "无法识别的文件或文件夹",
    message: (d) =>
      `${q(d.value)}不是约定的文件或文件夹，已忽略。${d.extra ?? "学年文件夹应命名为“2024-2025”这样的两个相邻年份。"}如果其中有需要统计的数据，请按《数据填报说明》改名或移动。`,
  },
  E_SITE_JSON_MISSING: {
    severity: "error",
    title: "缺少网站设置文件",
    message: () =>
      `数据文件夹中没有 site.json。网站标题、发布单位和小数保护阈值都在其中设置。请从示例数据中复制一份 site.json 并按本地情况修改。`,
  },
  E_SITE_JSON_INVALID: {
    severity: "error",
    title: "网站设置有误",
    message: (d) =>
      `site.json 中${d.value ? `“${d.value}”` : ""}有误：${d.extra ?? "不是有效的 JSON"}。设置错误会导致网站内容或保护阈值不正确。请按《数据填报说明》中的 site.json 说明修改。`,
  },
  E_SCHOOLS_MISSING: {
    severity: "error",
    title: "缺少学校名单",
    message: () =>
      `本学年文件夹中没有学校名单（schools.csv，或 Excel 工作簿 schools.xlsx / schools.xls）。没有学校名单就无法核对学生名单和关爱记录。请补充该学年的学校名单。`,
  },
  E_STUDENTS_MISSING: {
    severity: "error",
    title: "缺少学生名单",
    message: () =>
      `本学年文件夹中没有 students 文件夹，或其中没有名单文件（CSV 或 Excel 工作簿）。没有学生名单就无法统计留守儿童人数。请把各校导出的学生名单放入 students 文件夹。`,
  },
  W_CARE_MISSING: {
    severity: "warning",
    title: "没有关爱记录",
    message: () =>
      `本学年没有关爱记录（care 文件夹为空或不存在）。关爱覆盖率将显示为“未收集”。如已开展关爱工作，请把记录放入 care 文件夹。`,
  },

  // ---- reading a file ----
  E_FILE_UNREADABLE: {
    severity: "error",
    title: "文件无法读取",
    message: (d) =>
      `文件无法打开或读取${d.extra ? `（${d.extra}）` : ""}。其中的数据无法统计。请确认文件没有被其他程序占用、没有损坏，然后重新导出。`,
  },
  E_FILE_EMPTY: {
    severity: "error",
    title: "文件是空的",
    message: () =>
      `文件是空的（0 字节），连表头都没有。可能是导出失败。请重新从 Excel 或学籍系统导出该文件。`,
  },
  E_FILE_BINARY: {
    severity: "error",
    title: "不是 CSV 文本文件",
    message: (d) =>
      `这个文件的扩展名是 .csv，内容却不是文本${d.extra ? `（${d.extra}）` : ""}，可能是把 Excel 工作簿或其他文件直接改了扩展名。如果它是 Excel 工作簿，请把扩展名改回 .xlsx 或 .xls（工作簿可以直接读取）；否则请重新导出。`,
  },
  E_TABLE_TWICE: {
    severity: "error",
    title: "同一张表有两个文件",
    message: (d) =>
      `${q(d.value)}和${q(d.extra)}是同一张表的两个文件。无法判断应以哪一个为准。请只保留其中一个。`,
  },
  E_WORKBOOK_TOO_LARGE: {
    severity: "error",
    title: "工作簿过大",
    message: (d) =>
      `这个 Excel 工作簿有 ${d.value}，超过了 ${d.expected} 的上限，不像是一份名单或记录。请确认没有放错文件；名单确实很大时，请按学校分成几个工作簿，或另存为 CSV。`,
  },
  E_WORKBOOK_ZIP_BOMB: {
    severity: "error",
    title: "工作簿解压后异常巨大",
    message: () =>
      `这个 Excel 工作簿解压后比文件本身大上百倍，超出了正常表格的范围，可能已损坏或是恶意文件，为安全起见没有读取。请用 Excel 打开检查后重新保存，或重新从系统导出。`,
  },
  E_WORKBOOK_ENCRYPTED: {
    severity: "error",
    title: "工作簿设置了打开密码",
    message: () =>
      `这个 Excel 工作簿设置了打开密码（已加密），无法读取。请在 Excel 中打开，在“文件 → 信息 → 保护工作簿 → 用密码进行加密”中清空密码后保存，再放回数据文件夹。`,
  },
  E_WORKBOOK_UNREADABLE: {
    severity: "error",
    title: "工作簿无法打开",
    message: (d) =>
      `这个文件无法作为 Excel 工作簿打开${d.extra ? `（${d.extra}）` : ""}，可能已损坏，或扩展名与内容不符。请用 Excel 或 WPS 打开确认，再另存为 .xlsx。`,
  },
  E_WORKBOOK_SHEETS_AMBIGUOUS: {
    severity: "error",
    title: "两个工作表都像是要读取的表",
    message: (d) =>
      `工作簿中的工作表${q(d.value)}和${q(d.extra)}都有完整的表头，无法判断应读取哪一个。请只保留要统计的那个工作表，或把另一个的数据移到单独的工作簿中。`,
  },
  W_WORKBOOK_HIDDEN_SHEET: {
    severity: "warning",
    title: "隐藏的工作表没有读取",
    message: (d) =>
      `工作簿中的隐藏工作表${q(d.value)}没有读取。隐藏的内容别人看不到，读进来容易统计到不该统计的数据。如果其中有需要统计的内容，请取消隐藏，并把它单独保存为一个工作簿。`,
  },
  W_WORKBOOK_HIDDEN_ROWS: {
    severity: "warning",
    title: "有隐藏的行",
    message: (d) =>
      `工作表中有 ${d.count} 行是隐藏的（${d.value}），这些行已照常读取并计入统计。如果它们是筛选掉、不应统计的行，请删除后重新保存。`,
  },
  W_HEADER_BELOW_TITLE: {
    severity: "warning",
    title: "表头不在第一行",
    message: (d) =>
      `表头在第 ${d.count} 行，上面的 ${d.value} 行（如标题、空行）没有读取。如果上面的行中有数据，请删除标题行，让表头位于第一行。`,
  },
  E_ENCODING_INVALID: {
    severity: "error",
    title: "文件编码无法识别",
    message: (d) =>
      `文件中有无法识别的字符${d.extra ? `（${d.extra}）` : ""}，读出来会是乱码，统计结果将不可靠。请用 Excel 另存为“CSV UTF-8 (逗号分隔)”或“CSV (逗号分隔)”，不要把不同编码的文件内容拼接在一起。`,
  },
  W_FILE_NO_ROWS: {
    severity: "warning",
    title: "文件只有表头",
    message: () =>
      `文件只有表头，没有数据行，不会计入统计。如果这不是有意为之，请重新导出完整的数据。`,
  },
  E_HEADER_MISSING: {
    severity: "error",
    title: "缺少必填列",
    message: (d) =>
      `缺少必填列${q(d.value)}${d.extra ? `（也可写作：${d.extra}）` : ""}。没有这一列，整个文件都无法核对。请按模板补上这一列。`,
  },
  E_HEADER_NOT_FOUND: {
    severity: "error",
    title: "第一行不是表头",
    message: (d) =>
      `文件的第一行不是表头：一个可以识别的列名都没有，可能导出时漏掉了表头行，或放错了文件。没有表头就无法知道每一列是什么。请在第一行加上列名（必填列：${d.expected}），可以直接使用模板。`,
  },
  E_HEADER_DUPLICATE: {
    severity: "error",
    title: "同一列出现两次",
    message: (d) =>
      `列${q(d.value)}与前面的列${q(d.extra)}表示同一项内容。无法判断应以哪一列为准。请删除其中一列。`,
  },
  W_HEADER_UNKNOWN: {
    severity: "warning",
    title: "无法识别的列",
    message: (d) =>
      `以下列无法识别，已忽略：${d.value}。如果其中有需要统计的内容，请把列名改成《数据填报说明》中的名称。`,
  },
  W_PERSONAL_COLUMNS_DROPPED: {
    severity: "warning",
    title: "含有不需要的个人信息列",
    message: (d) =>
      `文件中有统计不需要的个人信息列：${d.value}。这些列已在读取时直接丢弃，不会进入任何统计、报告或网站。为保护学生隐私，今后导出时请不要包含这些列。`,
  },
  E_ROW_TOO_MANY_CELLS: {
    severity: "error",
    title: "单元格比表头多",
    message: (d) =>
      `这一行有 ${d.count} 个单元格，比表头多${d.extra ? `（表头 ${d.extra} 列）` : ""}。多出的内容无法对应到列，可能是某个单元格里含有逗号却没有加引号。请在 Excel 中检查这一行并重新导出。`,
  },
  E_ROW_TOO_LONG: {
    severity: "error",
    title: "一行过长",
    message: () =>
      `这一行超过 1 MB，不像是正常的表格数据，可能文件已损坏或不是 CSV 文件。请重新导出该文件。`,
  },
  E_QUOTE_UNCLOSED: {
    severity: "error",
    title: "引号没有闭合",
    message: () =>
      `从这一行开始有一个引号（"）没有闭合，此后的内容都无法正确分列。请检查这一行中的引号，或在 Excel 中重新导出。`,
  },

  // ---- single cells ----
  E_REQUIRED_EMPTY: {
    severity: "error",
    title: "必填项为空",
    message: () => `这一项是必填项，但单元格是空的。缺少它这一行就无法统计。请补填。`,
  },
  E_VALUE_INVALID: {
    severity: "error",
    title: "取值不在可选范围内",
    message: (d) =>
      `${q(d.value)}不是可以识别的取值。统计只能按统一的取值归类。请改为以下之一：${d.expected}。`,
  },
  E_SCHOOL_ID_INVALID: {
    severity: "error",
    title: "学校标识码格式不对",
    message: (d) =>
      `学校标识码${q(d.value)}不是 10 位数字。学校标识码用来把学生名单、关爱记录和学校对应起来。请填写教育部统一的 10 位学校标识码。`,
  },
  E_EXCEL_DAMAGED_NUMBER: {
    severity: "error",
    title: "Excel 已截断长数字",
    message: (d) =>
      `Excel 已截断长数字：${q(d.value)}${d.extra ? `（${d.extra}）` : ""}。Excel 只保留 15 位有效数字，长编号会变成科学计数法或末尾变成 000，无法再还原。请在原始数据中把这一列设置为“文本”格式后重新导出，不要在 Excel 中直接打开再保存。`,
  },
  E_STUDENT_NO_INVALID: {
    severity: "error",
    title: "学籍号格式不对",
    message: (d) =>
      `学籍号${q(d.value)}格式不对。学籍号应为 G、J 或 L 加 18 位（最后一位可以是 X），或学校自编的 6 到 20 位字母数字。请对照学籍系统更正。`,
  },
  E_STUDENT_NO_DUPLICATE: {
    severity: "error",
    title: "学籍号重复",
    message: (d) =>
      `学籍号${q(d.value)}在本学年的名单中已出现过（${d.extra}）。同一学生被统计两次会使人数偏大。请删除重复的行，或更正学籍号。`,
  },
  E_DATE_INVALID: {
    severity: "error",
    title: "日期无法识别",
    message: (d) =>
      `日期${q(d.value)}无法识别或不存在${d.extra ? `（${d.extra}）` : ""}。请写成“2024-05-31”“2024/5/31”或“2024年5月31日”这样的真实日期。`,
  },
  E_DATE_OUTSIDE_YEAR: {
    severity: "error",
    title: "日期不在本学年内",
    message: (d) =>
      `日期${q(d.value)}不在本学年（${d.expected}）内。记录放错学年会让两个学年的统计都不准确。请核对日期，或把这一行移到对应学年的文件夹。`,
  },
  E_TEXT_TOO_LONG: {
    severity: "error",
    title: "文字过长",
    message: (d) =>
      `内容有 ${d.count} 个字，超过了 ${d.expected} 个字的上限。过长的内容在网页上无法正常显示。请精简。`,
  },
  E_NUMBER_INVALID: {
    severity: "error",
    title: "数字格式不对",
    message: (d) =>
      `${q(d.value)}不是有效的${d.expected ?? "非负整数"}。请只填写数字，例如“12”${d.extra ?? ""}。`,
  },
  E_SCHOOL_ID_DUPLICATE: {
    severity: "error",
    title: "学校重复",
    message: (d) =>
      `学校标识码${q(d.value)}在学校名单中已出现过（${d.extra}）。同一学校出现两次会重复统计。请删除重复的行。`,
  },

  // ---- across cells, rows and files ----
  E_SCHOOL_UNKNOWN: {
    severity: "error",
    title: "学校不在学校名单中",
    message: (d) =>
      `学校标识码${q(d.value)}不在本学年的 schools.csv 中。无法知道这所学校属于哪个乡镇。请在 schools.csv 中补上这所学校，或更正标识码。`,
  },
  E_LEFT_BEHIND_CONTRADICTION: {
    severity: "error",
    title: "留守类型与父母外出情况矛盾",
    message: (d) =>
      `留守类型${q(d.value)}与父母外出务工情况（${d.extra}）矛盾。两者不一致时无法确定是否留守。请核实后更正其中一项。`,
  },
  E_GRADE_NOT_OFFERED: {
    severity: "error",
    title: "学校没有这个年级",
    message: (d) =>
      `年级${q(d.value)}${d.extra ? `（即${d.extra}）` : ""}不属于该校的学段（${d.expected}）。可能是学校填错了学段，或学生填错了学校。请核实后更正。`,
  },
  W_AGE_GRADE_MISMATCH: {
    severity: "warning",
    title: "年龄与年级不符",
    message: (d) =>
      `按出生日期计算，该生 9 月 1 日时 ${d.value} 岁，与年级${q(d.expected)}的通常年龄相差 3 岁以上。请核实出生日期和年级是否填写正确。`,
  },
  W_SCHOOL_NO_ROSTER: {
    severity: "warning",
    title: "学校未报送名单",
    message: (d) =>
      `学校未报送名单：${q(d.value)}在 schools.csv 中，但学生名单中没有该校的学生。该校将不计入统计。请确认该校是否已报送学生名单。`,
  },
  E_CARE_STUDENT_UNKNOWN: {
    severity: "error",
    title: "关爱记录对应的学生不在名单中",
    message: (d) =>
      `学籍号${q(d.value)}不在本学年的学生名单中${d.extra ? `（${d.extra}）` : ""}。这条关爱记录无法对应到学生，覆盖率将不准确。请核对学籍号。`,
  },
  W_CARE_NOT_LEFT_BEHIND: {
    severity: "warning",
    title: "关爱对象不是留守儿童",
    message: (d) =>
      `学籍号${q(d.value)}在名单中不是留守儿童。对其他儿童的关爱是允许的，但不计入留守儿童关爱覆盖率。如该生实为留守儿童，请更正学生名单。`,
  },
  W_CARE_SCHOOL_MISMATCH: {
    severity: "warning",
    title: "关爱记录的学校与名单不一致",
    message: (d) =>
      `学籍号${q(d.value)}在学生名单中属于另一所学校（${d.extra}）。记录将按名单中的学校统计。如学生已转学，可忽略；否则请更正学校标识码。`,
  },
  W_CARE_DUPLICATE: {
    severity: "warning",
    title: "重复的关爱记录",
    message: (d) =>
      `这一行与${d.extra}完全相同，只计一次。如果确实是两次不同的关爱，请写明不同的日期或内容。`,
  },
  E_PARTICIPANTS_INCONSISTENT: {
    severity: "error",
    title: "参与人数矛盾",
    message: (d) =>
      `参与总人数（${d.value}）少于参与留守儿童人数（${d.expected}）。请核实两项人数。`,
  },
  E_COUNTY_REQUIRED: {
    severity: "error",
    title: "缺少学校或区县",
    message: () =>
      `学校标识码为空时必须填写区县（表示全县性的活动或捐赠）。否则无法确定该记录属于哪里。请填写学校标识码或区县。`,
  },
  E_COUNTY_UNKNOWN: {
    severity: "error",
    title: "区县不在学校名单中",
    message: (d) =>
      `区县${q(d.value)}与 schools.csv 中的区县都不一致。请使用与学校名单相同的区县名称。`,
  },
  E_PHOTO_PATH_UNSAFE: {
    severity: "error",
    title: "照片路径不安全",
    message: (d) =>
      `照片路径${q(d.value)}是绝对路径或含有“..”，指向了 photos 文件夹之外。出于安全考虑不能使用。请只填写 photos 文件夹中的文件名。`,
  },
  E_PHOTO_MISSING: {
    severity: "error",
    title: "照片文件不存在",
    message: (d) =>
      `照片${q(d.value)}在本学年的 photos 文件夹中不存在。请把照片放入 photos 文件夹，或更正文件名（注意扩展名和大小写）。`,
  },
  E_PHOTO_UNREADABLE: {
    severity: "error",
    title: "照片无法读取",
    message: (d) =>
      `照片${q(d.value)}无法作为图片读取${d.extra ? `（${d.extra}）` : ""}。这张照片不会出现在网站上。请用看图软件打开确认照片完好，另存为 JPEG 或 PNG（长边不超过 8000 像素）后放回 photos 文件夹。`,
  },
  W_RATE_IMPLAUSIBLE: {
    severity: "warning",
    title: "留守儿童占比异常，请核实",
    message: (d) =>
      `${q(d.value)}的留守儿童占比为 ${d.extra}，超过 70%，请核实学生名单中的“是否留守儿童”是否填写正确。`,
  },
  W_RATE_JUMP: {
    severity: "warning",
    title: "留守儿童占比变化过大，请核实",
    message: (d) =>
      `${q(d.value)}的留守儿童占比${d.extra}，变化超过 15 个百分点，请核实两个学年的名单。`,
  },
  W_MORE_PROBLEMS: {
    severity: "warning",
    title: "同类问题过多",
    message: (d) =>
      `同类问题（${d.value}）在本文件中另有 ${d.count} 处未逐一列出。请先按已列出的问题更正，通常是整列的格式问题。`,
  },
  W_TEXT_REDACTED: {
    severity: "warning",
    title: "活动文字中含有个人信息，已自动替换",
    message: (d) =>
      `活动标题或简介中含有学生姓名、学籍号、身份证件号或手机号${d.value ? `（${d.value}${d.count && d.count > 1 ? `，共 ${d.count} 处` : ""}）` : ""}，已自动替换为“某同学”或“＊＊＊”后发布。学生的个人信息不能出现在公开的网站上。请在原表中删去这些个人信息。`,
  },
  W_SUMMARY_TEXT_REDACTED: {
    severity: "warning",
    title: "“下一步工作”文字中含有个人信息，已自动替换",
    message: (d) =>
      `“下一步工作”文字中含有学生姓名、学籍号、身份证件号或手机号${d.value ? `（${d.value}${d.count && d.count > 1 ? `，共 ${d.count} 处` : ""}）` : ""}，已自动替换为“某同学”或“＊＊＊”后发布。统计摘要是公开的，不能写出具体学生。请在这个文件中删去这些个人信息。`,
  },
  W_SUMMARY_TEXT_UNIT_UNKNOWN: {
    severity: "warning",
    title: "“下一步工作”文字的文件名不是单位名称",
    message: (d) =>
      `${q(d.value)}不是本学年任何单位（全县、乡镇或学校）的名称或学校标识码，这段文字没有用到任何统计摘要中。${d.extra ?? ""}请把文件改名为单位名称，例如“白鹤镇中心小学.md”，全县的写作“region.md”或县名。`,
  },
});

export type ProblemCode = keyof typeof CATALOGUE;

/** Builds a problem from the catalogue. */
export function problem(
  code: ProblemCode,
  file: string,
  row: number | null,
  column: string | null,
  detail: Detail = {},
): Problem {
  const entry: Entry = CATALOGUE[code];
  return { file, row, column, code, severity: entry.severity, message: entry.message(detail) };
}

/**
 * Masks a value from a NEVER-publish column for use in a message: `G4101…1234` for a 学籍号
 * (12 characters or more). Shorter values (a date, a name, a school's own number) keep only
 * their first character. `ascii` skips the check for characters
 * outside the BMP, for values already known to be ASCII (a parsed 学籍号).
 */
export function mask(value: string, ascii = false): string {
  if (ascii || !/[\ud800-\udfff]/.test(value)) {
    // No surrogate pairs: UTF-16 units are characters (the usual case, and a hot path).
    if (value.length >= 12) return `${value.slice(0, 5)}…${value.slice(-4)}`;
    return value.length >= 2 ? `${value[0]}…` : "…";
  }
  const chars = [...value];
  if (chars.length >= 12) return `${chars.slice(0, 5).join("")}…${chars.slice(-4).join("")}`;
  if (chars.length >= 2) return `${chars[0]}…`;
  return "…";
}

/** A workbook's path with the sheet that was read, as problems name it. */
export function sheetLabel(file: string, sheet: string): string {
  return `${file}（工作表“${sheet}”）`;
}

/** How many problems of one code are listed per file before the rest are only counted. */
export const MAX_LISTED_PER_CODE = 1000;

/**
 * Collects problems, listing at most `MAX_LISTED_PER_CODE` of one code per file: a whole
 * column in the wrong format should not bury the report (or memory) under a million rows.
 */
export class ProblemSink {
  readonly problems: Problem[] = [];
  private readonly counts = new Map<string, number>();
  /** Workbook files and the sheet read from each (see `nameSheet`). */
  private readonly sheets = new Map<string, string>();

  /**
   * Says which sheet of a workbook was read: every later problem with that file names the
   * sheet too (`students/a.xlsx（工作表“名单”）`), so a school knows where to look.
   */
  nameSheet(file: string, sheet: string): void {
    this.sheets.set(file, sheet);
  }

  /** The sheets named so far, to hand to another sink with `absorb`. */
  sheetEntries(): [string, string][] {
    return [...this.sheets];
  }

  add(p: Problem): void {
    const sheet = this.sheets.get(p.file);
    if (sheet !== undefined) p = { ...p, file: sheetLabel(p.file, sheet) };
    const key = `${p.file}\u0000${p.code}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= MAX_LISTED_PER_CODE) this.problems.push(p);
  }

  /** Adds a problem built from the catalogue. */
  report(
    code: ProblemCode,
    file: string,
    row: number | null,
    column: string | null,
    detail?: Detail,
  ): void {
    this.add(problem(code, file, row, column, detail));
  }

  /** Problems per file and code, listed or not, for handing over from a worker. */
  countEntries(): [string, number][] {
    return [...this.counts];
  }

  /**
   * Takes over another sink's problems (from a scan, possibly in a worker), shifting their
   * rows by `rowOffset` for a part that did not start at the top of its file.
   */
  absorb(
    problems: readonly Problem[],
    counts: readonly [string, number][],
    rowOffset = 0,
    sheets: readonly [string, string][] = [],
  ): void {
    for (const [file, sheet] of sheets) this.sheets.set(file, sheet);
    const listed = new Map<string, number>();
    for (const p of problems) {
      const key = `${p.file}\u0000${p.code}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
      this.add(p.row === null || rowOffset === 0 ? p : { ...p, row: p.row + rowOffset });
    }
    for (const [key, n] of counts) {
      const unlisted = n - (listed.get(key) ?? 0);
      if (unlisted > 0) this.counts.set(key, (this.counts.get(key) ?? 0) + unlisted);
    }
  }

  /** Errors and warnings per file, including those only counted. */
  countsByFile(): Map<string, { errors: number; warnings: number }> {
    const out = new Map<string, { errors: number; warnings: number }>();
    for (const [key, count] of this.counts) {
      const [file, code] = key.split("\u0000") as [string, ProblemCode];
      const t = out.get(file) ?? { errors: 0, warnings: 0 };
      if (CATALOGUE[code].severity === "error") t.errors += count;
      else t.warnings += count;
      out.set(file, t);
    }
    return out;
  }

  /** Problems of a severity, including those only counted. */
  count(severity: Severity): number {
    let n = 0;
    for (const [key, count] of this.counts) {
      const code = key.slice(key.indexOf("\u0000") + 1) as ProblemCode;
      if (CATALOGUE[code].severity === severity) n += count;
    }
    return n;
  }

  /** The listed problems plus one W_MORE_PROBLEMS per file and code that was cut. */
  finish(): Problem[] {
    const out = [...this.problems];
    for (const [key, count] of this.counts) {
      if (count <= MAX_LISTED_PER_CODE) continue;
      const [file, code] = key.split("\u0000") as [string, ProblemCode];
      out.push(
        problem("W_MORE_PROBLEMS", file, null, null, {
          value: `${code} ${CATALOGUE[code].title}`,
          count: count - MAX_LISTED_PER_CODE,
        }),
      );
    }
    return out;
  }
}

/**
 * The roster tables (disclosure spec §2): enrolment, left-behind per definition, and the
 * left-behind children of the default definition split by 性别, 年级/学段, 城乡, 单亲/双亲,
 * 主要照护人, 就读方式 and the sensitive groups. `countSchool` turns a school's roster into
 * named cells; `rosterTableSpecs` says which sums of cells each table row shows.
 */
import { CARERS, GRADE_LABELS, URBAN_RURAL, type Grade } from "../validate/values.ts";
import type { SchoolRow } from "../validate/schemas.ts";
import type { Student } from "../validate/validateYear.ts";
import {
  DEFINITION_LABELS,
  isLeftBehind,
  scAssessable,
  scStatus,
  SC_AGE_LIMIT,
  SC_STATUSES,
  type ScStatus,
  type DefinitionId,
} from "./definitions.ts";
import { addTo, BASE_KEYS, newPlace, type PlaceCounts, type Whole } from "./placeCounts.ts";

// ---------- what measure hands on: tables of raw values ----------

/** A value in a table, saying why a number is missing (STYLE.md habit 4). */
export type Value =
  /** A count in the CountSystem: `publish` pairs `figure` with its protected status. */
  | { kind: "count"; value: number; figure: string }
  /** A number that is not about children (activities, 元, schools): published as it is. */
  | { kind: "plain"; value: number }
  /** The school (or every school of the unit) did not supply the column. */
  | { kind: "notCollected" };

/** A published percentage: a `Ratio` of the CountSystem, or not applicable (denominator 0). */
export type RatioValue =
  { kind: "ratio"; id: string; numerator: number; denominator: number } | { kind: "notApplicable" };

export interface TableRow {
  /** The last part of the figure id ("男"), or "" for a table's single total row. */
  category: string;
  /** Chinese label shown in the row header. */
  label: string;
  value: Value;
  ratio?: RatioValue;
}

export interface Table {
  /** `${table}|u=${unit}`: stable across years. */
  id: string;
  /** Table family, e.g. "lb.sex"; equals `Figure.table` of its rows. */
  table: string;
  unit: string;
  /** Chinese title, e.g. "留守儿童性别构成（教育统计口径）". */
  title: string;
  definition?: DefinitionId;
  /** Whether the schools of the unit supplied the data: all, some ("未采集" row), or none. */
  collected: "all" | "partial" | "none";
  rows: TableRow[];
}

/** A reference to a figure of the same unit: its table and category ("" for a total). */
export interface FigureRef {
  table: string;
  category: string;
}

export interface RowSpec {
  category: string;
  label: string;
  /** Cell (or alias) keys summed over the unit's places. */
  keys: string[];
  /** The group this row is part of (P2). */
  parent?: FigureRef;
  /** Denominator of the row's published percentage. */
  ratioOf?: FigureRef;
  /** True for a total or margin. */
  total?: boolean;
}

/** Tables whose rows are a unit's headline figures (`Figure.headline`). */
export const HEADLINE_TABLES = new Set(["enr", "lb.moe", "lb.sc", "enr.sex", "lb.sex"]);

export interface TableSpec {
  table: string;
  title: string;
  /** The family whose supply decides collected/not collected (always supplied when absent). */
  family?: string;
  /** What a "未采集" row counts for the schools that did not supply the family. */
  whole?: Whole;
  /** Totals get one decomposition per partition of this whole instead of their row keys. */
  totalOf?: Whole;
  definition?: DefinitionId;
  sensitive?: boolean;
  /** Counts published as they are, outside the CountSystem. */
  plain?: boolean;
  /** A row with no cells in a unit is a true zero (activities), not "not applicable". */
  zeroIfEmpty?: boolean;
  /** County-wide places (activities and social rows without a school) count in this table. */
  countyWide?: boolean;
  /** Rows are headline figures of their unit (`Figure.headline`), e.g. normed coverage. */
  headline?: boolean;
  /** Only at units of this level or above (城乡 is trivial for one school). */
  minLevel?: number;
  rows: RowSpec[];
}

// ---------- vocabulary ----------

export const NOT_FILLED = "未填报";
export const NOT_COLLECTED = "未采集";
export const SEXES = ["男", "女"] as const;
export const BOARDING = ["走读", "住校"] as const;
export const LB_TYPES = ["单亲留守儿童", "双亲留守儿童"] as const;

/** 学段 of a grade: 学前 (小班…大班), 小学 (一…六年级), 初中 (七…九年级). */
export const STAGES: { label: string; grades: Grade[] }[] = [
  { label: "学前", grades: [-2, -1, 0] },
  { label: "小学", grades: [1, 2, 3, 4, 5, 6] },
  { label: "初中", grades: [7, 8, 9] },
];

/** The optional yes/no columns counted among left-behind children; all four are sensitive. */
export const SENSITIVE_GROUPS = [
  { family: "orphan", column: "orphan", label: "孤儿" },
  { family: "disabled", column: "disabled", label: "残疾" },
  { family: "lowIncome", column: "low_income", label: "家庭经济困难" },
  { family: "singleParent", column: "single_parent_family", label: "单亲家庭" },
] as const;

export const urbanGroup = (code: string) => (code.startsWith("1") ? "城镇" : "乡村");

// ---------- counting one school ----------

const MOE_STATUSES = ["非留守儿童", "单亲留守儿童", "双亲留守儿童"] as const;

/**
 * The (教育统计, 国务院2016) statuses a pupil can have: a pupil with no parent away is in
 * neither count; a 双亲留守 pupil is in the 2016 count unless 16 or older; only a 单亲留守
 * pupil can be "无法判定" (validation rejects rows whose parent columns contradict the label).
 */
const DEFINITION_PAIRS: readonly (readonly [string, ScStatus])[] = [
  ["非留守儿童", "否"],
  ["单亲留守儿童", "是"],
  ["单亲留守儿童", "否"],
  ["单亲留守儿童", "无法判定"],
  ["双亲留守儿童", "是"],
  ["双亲留守儿童", "否"],
];

const pairKey = (moe: string, sc: string) => `def|${moe}|${sc}`;

export interface CountOptions {
  defaultDefinition: DefinitionId;
}

/**
 * Counts one school's roster into cells and partitions. Cross families (性别, 年级, 就读方式)
 * count every pupil as `|lb` (left-behind, default definition) or `|rest`, so that enrolment
 * and left-behind share cells; the other families split the left-behind total only. An
 * optional column nobody at the school filled in is "not collected": no cells at all.
 */
export function countSchool(
  school: SchoolRow,
  students: readonly Student[],
  options: CountOptions,
): PlaceCounts {
  const def = options.defaultDefinition;
  const place = newPlace(school.school_id, school.school_id, true);
  const { cells } = place;
  place.enrolment = students.length;
  const has = (get: (s: Student) => unknown) => students.some((s) => get(s) !== undefined);
  const collect = (family: string, supplied: boolean) => {
    if (supplied) place.collected.add(family);
    return supplied;
  };
  const boarding = collect(
    "boarding",
    has((s) => s.boarding),
  );
  const carer = collect(
    "carer",
    has((s) => s.carer),
  );
  const groups = SENSITIVE_GROUPS.filter((g) =>
    collect(
      g.family,
      has((s) => s[g.column]),
    ),
  );
  place.plain.set("scAssessed", scAssessable(students) ? 1 : 0);
  place.plain.set("schools", 1);

  // The two definitions share cells: one cell per (教育统计, 国务院2016) pair that can occur,
  // and "moe|…", "sc|…" name sums of them. So the system says what every reader of the
  // definitions knows: the 2016 count lies inside the education count, and every 双亲留守
  // pupil under 16 is in both (a 双亲 pupil outside the 2016 count is 16 or older, which only
  // a school with 初中 grades has).
  // (Validation rejects the other pairs; should one occur, it gets its cell all the same.)
  const older = students.some((s) => s.grade >= 7 || s.age >= SC_AGE_LIMIT);
  const seen = new Set(students.map((s) => pairKey(s.left_behind, scStatus(s))));
  const pairs = [
    ...DEFINITION_PAIRS.filter(([m, sc]) => older || m !== "双亲留守儿童" || sc !== "否"),
    ...[...seen]
      .filter((key) => !DEFINITION_PAIRS.some((p) => pairKey(...p) === key))
      .map((key) => key.split("|").slice(1) as [string, ScStatus]),
  ];
  for (const [m, sc] of pairs) cells.set(pairKey(m, sc), 0);
  for (const m of MOE_STATUSES) {
    place.aliases.set(
      `moe|${m}`,
      pairs.filter((p) => p[0] === m).map((p) => pairKey(...p)),
    );
  }
  for (const sc of SC_STATUSES) {
    place.aliases.set(
      `sc|${sc}`,
      pairs.filter((p) => p[1] === sc).map((p) => pairKey(...p)),
    );
  }
  for (const sex of SEXES) for (const p of ["lb", "rest"]) cells.set(`sex|${sex}|${p}`, 0);
  if (boarding)
    for (const b of BOARDING) for (const p of ["lb", "rest"]) cells.set(`boarding|${b}|${p}`, 0);
  if (carer) for (const c of CARERS) cells.set(`carer|${c}`, 0);
  for (const g of groups) for (const v of ["是", "否"]) cells.set(`${g.family}|${v}`, 0);
  // Both parts of every grade the school has (P2 must see "no other pupil in grade 3").
  for (const s of students) for (const p of ["lb", "rest"]) cells.set(`grade|${s.grade}|${p}`, 0);

  for (const s of students) {
    addTo(cells, pairKey(s.left_behind, scStatus(s)));
    const lb = isLeftBehind(s, def);
    const part = lb ? "lb" : "rest";
    addTo(cells, `sex|${s.sex}|${part}`);
    addTo(cells, `grade|${s.grade}|${part}`);
    if (boarding) addTo(cells, `boarding|${s.boarding ?? NOT_FILLED}|${part}`);
    if (!lb) continue;
    if (carer) addTo(cells, `carer|${s.carer ?? NOT_FILLED}`);
    for (const g of groups) {
      const v = s[g.column];
      addTo(cells, `${g.family}|${v === undefined ? NOT_FILLED : v ? "是" : "否"}`);
    }
  }

  const keysOf = (prefix: string, suffix = "") =>
    [...cells.keys()].filter((k) => k.startsWith(prefix) && k.endsWith(suffix));
  place.partitions.push(
    { family: "moe", whole: "enr", keys: pairs.map((p) => pairKey(...p)) },
    { family: "moe", whole: "moe", keys: [...BASE_KEYS.moe] },
    { family: "sc", whole: "sc", keys: [...BASE_KEYS.sc] },
  );
  const cross = ["sex", "grade", ...(boarding ? ["boarding"] : [])];
  for (const family of cross) {
    place.partitions.push({ family, whole: "enr", keys: keysOf(`${family}|`) });
    place.partitions.push({ family, whole: def, keys: keysOf(`${family}|`, "|lb") });
  }
  const lbOnly = [...(carer ? ["carer"] : []), ...groups.map((g) => g.family)];
  for (const family of lbOnly) {
    place.partitions.push({ family, whole: def, keys: keysOf(`${family}|`) });
  }

  // 城乡: at the school it is the whole school; above, the sum over schools with that code.
  const group = urbanGroup(school.urban_rural);
  for (const [name, cat] of [
    ["urban", group],
    ["urbanCode", school.urban_rural],
  ]) {
    place.aliases.set(`${name}|${cat}|lb`, [...BASE_KEYS[def]]);
    place.aliases.set(
      `${name}|${cat}|rest`,
      def === "moe" ? ["moe|非留守儿童"] : ["sc|否", "sc|无法判定"],
    );
  }
  return place;
}

// ---------- the tables ----------

const ref = (table: string, category = ""): FigureRef => ({ table, category });

/** Labels of a definition for titles: "（教育统计口径）". */
const inDef = (d: DefinitionId) => `（${DEFINITION_LABELS[d]}）`;

/**
 * The roster tables of a year. `grades` and `urbanCodes` are the categories present in the
 * year (absent ones are not applicable and get no row).
 */
export function rosterTableSpecs(
  def: DefinitionId,
  grades: readonly Grade[],
  urbanCodes: readonly string[],
): TableSpec[] {
  const lbTotal = ref(`lb.${def}`);
  const enr = ref("enr");
  const d = inDef(def);
  const specs: TableSpec[] = [
    {
      table: "enr",
      title: "在校生人数",
      totalOf: "enr",
      rows: [{ category: "", label: "在校生", keys: [...BASE_KEYS.enr], total: true }],
    },
    {
      table: "lb.moe",
      title: `留守儿童人数${inDef("moe")}`,
      definition: "moe",
      totalOf: "moe",
      rows: [
        {
          category: "",
          label: "留守儿童",
          keys: [...BASE_KEYS.moe],
          total: true,
          parent: enr,
          ratioOf: enr,
        },
      ],
    },
    {
      table: "lb.sc",
      title: `留守儿童人数${inDef("sc")}`,
      definition: "sc",
      totalOf: "sc",
      rows: [
        {
          category: "",
          label: "留守儿童",
          keys: [...BASE_KEYS.sc],
          total: true,
          parent: enr,
          ratioOf: enr,
        },
      ],
    },
    {
      table: "lb.sc.unknown",
      title: `无法按${DEFINITION_LABELS.sc}判定的学生人数`,
      definition: "sc",
      rows: [
        {
          category: "",
          label: "无法判定（学校未报送父母外出及监护能力信息）",
          keys: ["sc|无法判定"],
          parent: enr,
        },
      ],
    },
    {
      table: "sc.assessed",
      title: `可按${DEFINITION_LABELS.sc}判定的学校数`,
      plain: true,
      rows: [
        { category: "可判定", label: "可判定的学校", keys: ["scAssessed"] },
        { category: "全部", label: "学校总数", keys: ["schools"] },
      ],
    },
    {
      table: "lb.type",
      title: `留守儿童类型${inDef("moe")}`,
      definition: "moe",
      rows: LB_TYPES.map((t) => ({
        category: t,
        label: t,
        keys: [`moe|${t}`],
        parent: ref("lb.moe"),
        ratioOf: ref("lb.moe"),
      })),
    },
  ];

  /** A cross family: enrolment by category, and left-behind by category with its ratio. */
  const cross = (
    family: string,
    name: string,
    cats: { category: string; label: string; key: string }[],
    optional: boolean,
  ) => {
    const opt = optional ? { family, whole: "enr" as Whole } : {};
    specs.push({
      table: `enr.${family}`,
      title: `在校生${name}构成`,
      ...opt,
      // No P2 group: how pupils split by sex, grade or boarding is not about left-behind
      // status, and "every pupil of this school walks to school" discloses nothing private.
      // Small enrolment counts are still P1.
      rows: cats.map((c) => ({
        category: c.category,
        label: c.label,
        keys: [`${c.key}|lb`, `${c.key}|rest`],
        total: true,
      })),
    });
    specs.push({
      table: `lb.${family}`,
      title: `留守儿童${name}构成${d}`,
      definition: def,
      ...opt,
      ...(optional ? { whole: def } : {}),
      rows: cats.map((c) => ({
        category: c.category,
        label: c.label,
        keys: [`${c.key}|lb`],
        parent: ref(`enr.${family}`, c.category),
        ratioOf: ref(`enr.${family}`, c.category),
      })),
    });
  };

  cross(
    "sex",
    "性别",
    SEXES.map((s) => ({ category: s, label: s, key: `sex|${s}` })),
    false,
  );
  const stages = STAGES.filter((st) => st.grades.some((g) => grades.includes(g)));
  cross(
    "stage",
    "学段",
    stages.map((st) => ({ category: st.label, label: st.label, key: `stage|${st.label}` })),
    false,
  );
  cross(
    "grade",
    "年级",
    grades.map((g) => ({ category: GRADE_LABELS[g], label: GRADE_LABELS[g], key: `grade|${g}` })),
    false,
  );
  // 学段 rows are sums of grade cells: rewrite their keys.
  for (const spec of specs.filter((s) => s.table.endsWith(".stage"))) {
    for (const row of spec.rows) {
      const st = STAGES.find((s) => s.label === row.category)!;
      const inStage = st.grades.filter((g) => grades.includes(g));
      row.keys = row.keys.flatMap((k) => {
        const part = k.endsWith("|lb") ? "lb" : "rest";
        return inStage.map((g) => `grade|${g}|${part}`);
      });
    }
  }
  const urbanCats = [...new Set(urbanCodes.map(urbanGroup))].sort((a, b) =>
    a === "城镇" ? -1 : b === "城镇" ? 1 : 0,
  );
  for (const [family, name, cats] of [
    ["urban", "城乡", urbanCats.map((c) => ({ category: c, label: c }))],
    [
      "urbanCode",
      "城乡分类",
      [...urbanCodes].sort().map((c) => ({
        category: c,
        label: `${URBAN_RURAL[c as keyof typeof URBAN_RURAL]}（${c}）`,
      })),
    ],
  ] as const) {
    const before = specs.length;
    cross(
      family,
      name,
      cats.map((c) => ({ ...c, key: `${family}|${c.category}` })),
      false,
    );
    for (const spec of specs.slice(before)) spec.minLevel = 1;
  }
  cross(
    "boarding",
    "就读方式",
    [...BOARDING, NOT_FILLED].map((b) => ({ category: b, label: b, key: `boarding|${b}` })),
    true,
  );

  /** A family that splits the left-behind total only. */
  const lbOnly = (
    family: string,
    title: string,
    cats: { category: string; label: string; key: string }[],
    sensitive = false,
  ) =>
    specs.push({
      table: `lb.${family}`,
      title: `${title}${d}`,
      definition: def,
      family,
      whole: def,
      sensitive,
      rows: cats.map((c) => ({ ...c, keys: [c.key], parent: lbTotal, ratioOf: lbTotal })),
    });
  lbOnly(
    "carer",
    "留守儿童主要照护人",
    [...CARERS, NOT_FILLED].map((c) => ({ category: c, label: c, key: `carer|${c}` })),
  );
  for (const g of SENSITIVE_GROUPS) {
    lbOnly(
      g.family,
      `留守儿童中的${g.label}人数`,
      [{ category: "是", label: g.label, key: `${g.family}|是` }],
      true,
    );
  }
  return specs;
}

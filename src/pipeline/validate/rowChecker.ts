/**
 * The row checker compiled from a kind's zod schema: a plain loop over the columns present,
 * calling each column's parser directly. Only a failing row is run through zod itself, whose
 * issues become the problems — so the schema stays the single source of both the row type
 * and the messages, and the million valid rows pay for no zod machinery.
 */
import type { z } from "zod";
import { COLUMNS, type ColumnHeader, type FileKind } from "../read/headers.ts";
import type { TableHeader } from "../read/parseTable.ts";
import { mask, type ProblemSink } from "../problems.ts";
import { codegenAllowed } from "./codegen.ts";
import { Invalid } from "./values.ts";
import {
  ROW_RULES,
  ROW_SCHEMAS,
  cellSpec,
  type IssueParams,
  type RowOf,
  type RowRule,
} from "./schemas.ts";

interface CompiledColumn {
  key: string;
  index: number;
  parse: (cell: string) => unknown;
  required: boolean;
}

/**
 * A checked row: complete when every cell and row rule passed; else the cells that parsed.
 * Valid for the current row only: the checker reuses the objects for the next row.
 */
export type CheckedRow<K extends FileKind> =
  { complete: true; row: RowOf<K> } | { complete: false; row: Partial<RowOf<K>> };

export type RowChecker<K extends FileKind> = (
  values: readonly string[],
  row: number,
) => CheckedRow<K>;

/**
 * Compiles the checker for one file, given its header. Problems go to `sink`; a row with any
 * problem comes back incomplete, with the cells that did parse, so that checks across files
 * can still look at them and every problem is named in one run.
 */
export function compileRowChecker<K extends FileKind>(
  kind: K,
  header: TableHeader,
  file: string,
  sink: ProblemSink,
): RowChecker<K> {
  const schema = ROW_SCHEMAS[kind] as unknown as z.ZodObject<Record<string, z.ZodType>>;
  const columns = COLUMNS[kind] as readonly ColumnHeader[];
  const compiled: CompiledColumn[] = [];
  columns.forEach((c, index) => {
    const spec = cellSpec(schema.shape[c.key]!);
    if (!spec) throw new Error(`column without a cell spec: ${kind}.${c.key}`);
    // Absent optional columns never need a look; absent required ones stopped the file earlier.
    if (header.written[index] !== null) compiled.push({ key: c.key, index, ...spec });
  });
  const rules = ROW_RULES[kind] as RowRule<Record<string, unknown>>[];
  const columnText = (key: string) => {
    const i = columns.findIndex((c) => c.key === key);
    return header.written[i] ?? columns[i]?.header ?? key;
  };
  const secret = new Set(columns.filter((c) => c.secret).map((c) => c.key));
  const quote = (key: string, value: string) => (secret.has(key) ? mask(value) : value);

  const slowPath = (values: readonly string[], row: number): CheckedRow<K> => {
    const input: Record<string, string | undefined> = {};
    for (const c of compiled) {
      const v = values[c.index]!;
      input[c.key] = v === "" && !c.required ? undefined : v;
    }
    const result = schema.safeParse(input);
    if (result.success) throw new Error(`compiled checker and zod disagree on ${kind} row ${row}`);
    for (const issue of result.error.issues) {
      const params = (issue as { params?: IssueParams }).params;
      if (!params) throw new Error(`unexpected zod issue in ${kind} row ${row}: ${issue.message}`);
      const key = params.column ?? String(issue.path[0]);
      const raw = params.value ?? input[key] ?? "";
      sink.report(params.code, file, row, columnText(key), {
        ...params.detail,
        value: quote(key, raw),
      });
    }
    const partial: Record<string, unknown> = {};
    for (const c of compiled) {
      const v = values[c.index]!;
      const parsed = v === "" ? undefined : c.parse(v);
      if (parsed !== undefined && !(parsed instanceof Invalid)) partial[c.key] = parsed;
    }
    return { complete: false, row: partial as Partial<RowOf<K>> };
  };

  // One row object per file, overwritten for every row: callers copy what they keep.
  const out: Record<string, unknown> = {};
  for (const c of compiled) out[c.key] = undefined;
  const result = { complete: true as const, row: out as RowOf<K> };
  const make = codegenAllowed() ? generateChecker : loopChecker;
  return make(compiled, out, result, slowPath, rules) as RowChecker<K>;
}

/** The fast path as a loop: the same steps as the generated code, without `new Function`. */
function loopChecker(
  compiled: readonly CompiledColumn[],
  out: Record<string, unknown>,
  result: unknown,
  slowPath: (values: readonly string[], row: number) => unknown,
  rules: readonly RowRule<Record<string, unknown>>[],
): (values: readonly string[], row: number) => unknown {
  return (values, row) => {
    for (const c of compiled) {
      const v = values[c.index]!;
      if (v === "") {
        if (c.required) return slowPath(values, row);
        out[c.key] = undefined;
        continue;
      }
      const r = c.parse(v);
      if (r instanceof Invalid) return slowPath(values, row);
      out[c.key] = r;
    }
    for (const rule of rules) if (rule(out)) return slowPath(values, row);
    return result;
  };
}

/**
 * Generates the fast path as straight-line code, one statement per column with the key
 * written out, so that every parser call and property store is monomorphic. The generated
 * source contains only our own column keys (checked below), never data.
 */
function generateChecker(
  compiled: readonly CompiledColumn[],
  out: Record<string, unknown>,
  result: unknown,
  slowPath: (values: readonly string[], row: number) => unknown,
  rules: readonly RowRule<Record<string, unknown>>[],
): (values: readonly string[], row: number) => unknown {
  const lines: string[] = ["let v, r;"];
  compiled.forEach((c, i) => {
    if (!/^[a-z_]+$/.test(c.key) || !Number.isInteger(c.index))
      throw new Error(`bad column key: ${c.key}`);
    lines.push(`v = values[${c.index}];`);
    const parse = `r = p${i}(v); if (r instanceof Invalid) return slow(values, row); out.${c.key} = r;`;
    if (c.required) lines.push(`if (v === "") return slow(values, row);`, parse);
    else lines.push(`if (v === "") out.${c.key} = undefined; else { ${parse} }`);
  });
  lines.push("for (let i = 0; i < rules.length; i++) if (rules[i](out)) return slow(values, row);");
  lines.push("return result;");
  const parsers = compiled.map((_, i) => `p${i}`);
  const factory = new Function(
    "out",
    "result",
    "slow",
    "Invalid",
    "rules",
    ...parsers,
    `return function check(values, row) {\n${lines.join("\n")}\n};`,
  ) as (...args: unknown[]) => (values: readonly string[], row: number) => unknown;
  return factory(out, result, slowPath, Invalid, rules, ...compiled.map((c) => c.parse));
}

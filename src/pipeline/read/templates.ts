/**
 * Header-only CSV templates for the schools, generated from the column vocabulary so that
 * a template can never ask for a column the reader does not know (data contract §2–§6).
 */

import { COLUMNS, type ColumnHeader, type FileKind } from "./headers";

/** The file name each template is saved under, in the order of the data contract. */
export const TEMPLATE_FILES: Readonly<Record<FileKind, string>> = {
  schools: "schools.csv",
  students: "students.csv",
  care: "care.csv",
  activities: "activities.csv",
  social: "social.csv",
};

/** Every file kind, in contract order. */
export const TEMPLATE_KINDS = Object.keys(TEMPLATE_FILES) as readonly FileKind[];

// Chinese Excel opens UTF-8 without a BOM as mojibake, and expects CRLF line endings.
const BOM = "\uFEFF";
const EOL = "\r\n";

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header cells of a template: canonical headers, required ones marked with a trailing `*`. */
export function templateHeaders(kind: FileKind): string[] {
  return (COLUMNS[kind] as readonly ColumnHeader[]).map((c) =>
    c.required ? `${c.header}*` : c.header,
  );
}

/** The complete text of a template file: BOM, one header line, CRLF. */
export function templateCsv(kind: FileKind): string {
  return BOM + templateHeaders(kind).map(csvCell).join(",") + EOL;
}

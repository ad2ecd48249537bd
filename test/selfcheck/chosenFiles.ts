/**
 * The files of one year of a data folder as a school would choose them on the self-check page:
 * CSV files and workbooks alike.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ChosenFile, ChosenFiles } from "../../src/selfcheck/checkFiles.ts";

/** A table as `check` reads one: CSV text or an Excel workbook. */
const TABLE = /\.(csv|xlsx|xlsm|xls)$/i;

async function tableFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => TABLE.test(n)).sort();
}

async function chosen(file: string): Promise<ChosenFile> {
  return { name: path.basename(file), blob: new Blob([await readFile(file)]) };
}

/** Every roster, care record, activity and social file of the year, and the photo names. */
export async function chooseYear(dataDir: string, year: string): Promise<ChosenFiles> {
  const dir = path.join(dataDir, year);
  const optional = async (base: string) => {
    const name = (await tableFiles(dir)).find((n) => n.startsWith(`${base}.`));
    return name ? chosen(path.join(dir, name)) : null;
  };
  return {
    students: await Promise.all(
      (await tableFiles(path.join(dir, "students"))).map((n) =>
        chosen(path.join(dir, "students", n)),
      ),
    ),
    care: await Promise.all(
      (await tableFiles(path.join(dir, "care"))).map((n) => chosen(path.join(dir, "care", n))),
    ),
    activities: await optional("activities"),
    social: await optional("social"),
    photos: await readdir(path.join(dir, "photos")).catch(() => []),
  };
}

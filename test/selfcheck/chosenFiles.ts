/** The files of one year of a data folder as a school would choose them on the self-check page. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ChosenFile, ChosenFiles } from "../../src/selfcheck/checkFiles.ts";

async function csvFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(".csv")).sort();
}

async function chosen(file: string): Promise<ChosenFile> {
  return { name: path.basename(file), blob: new Blob([await readFile(file)]) };
}

/** Every roster, care record, activity and social file of the year, and the photo names. */
export async function chooseYear(dataDir: string, year: string): Promise<ChosenFiles> {
  const dir = path.join(dataDir, year);
  const optional = async (name: string) =>
    (await csvFiles(dir)).includes(name) ? chosen(path.join(dir, name)) : null;
  return {
    students: await Promise.all(
      (await csvFiles(path.join(dir, "students"))).map((n) =>
        chosen(path.join(dir, "students", n)),
      ),
    ),
    care: await Promise.all(
      (await csvFiles(path.join(dir, "care"))).map((n) => chosen(path.join(dir, "care", n))),
    ),
    activities: await optional("activities.csv"),
    social: await optional("social.csv"),
    photos: await readdir(path.join(dir, "photos")).catch(() => []),
  };
}

import path from "node:path";
import { describe, expect, it } from "vitest";
import { ProblemSink } from "../../src/pipeline/problems.ts";
import { blobChunks } from "../../src/pipeline/read/blobSource.ts";
import { parseTable } from "../../src/pipeline/read/parseTable.ts";
import { compileRowChecker } from "../../src/pipeline/validate/rowChecker.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { schoolsCsv, selfCheckSettings } from "../../src/selfcheck/settings.ts";

describe("the settings the self-check page carries", () => {
  it("hold a school list that reads back, through the same checks, as the schools it came from", async () => {
    const { data } = await validateData(path.resolve("data"), { keepRows: false });
    const schools = data.years.at(-1)!.schools;
    const extra = { ...schools[0]!, school_id: "2151279999", school_name: '青岚县"新,苑"小学' };
    const text = schoolsCsv([...schools, extra]);
    const sink = new ProblemSink();
    const read: unknown[] = [];
    let check: ReturnType<typeof compileRowChecker<"schools">> | null = null;
    await parseTable({
      kind: "schools",
      chunks: blobChunks(new Blob([text]), 97),
      file: "schools.csv",
      problems: sink,
      onHeader: (h) => void (check = compileRowChecker("schools", h, "schools.csv", sink)),
      onRow: (values, row) => {
        const r = check!(values, row);
        expect(r.complete).toBe(true);
        read.push({ ...r.row });
      },
    });
    expect(sink.problems).toEqual([]);
    const strip = (s: (typeof schools)[number]) => ({
      ...s,
      has_care_home: undefined,
      has_counseling_room: undefined,
    });
    expect(read).toEqual([...schools, extra].map(strip));
  });

  it("name the year, the publisher and the county's norms, never the optional school facts", async () => {
    const { data } = await validateData(path.resolve("data"), { keepRows: false });
    const year = data.years.at(-1)!;
    const settings = selfCheckSettings(data.config!, year.year, year.schools);
    expect(settings).toMatchObject({ year: "2024-2025", publisher: "青岚县教育局", schools: 40 });
    expect(settings.norms).toContainEqual(["谈心", "monthly"]);
    expect(settings.schoolsCsv.split("\r\n")[0]).toBe(
      "学校标识码,学校名称,区县,乡镇,学段,城乡分类代码",
    );
  });
});

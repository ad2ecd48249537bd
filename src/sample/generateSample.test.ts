import { beforeAll, describe, expect, it } from "vitest";
import {
  type FileKind,
  headerLookup,
  isPersonalHeader,
  normalizeHeader,
  COLUMNS,
} from "../pipeline/read/headers.ts";
import { CARE_TYPES, siteConfigSchema } from "../pipeline/validate/siteConfig.ts";
import { ACTIVITY_TYPES } from "./activities.ts";
import { readBackCsv, type ReadBack } from "./csvReadBack.ts";
import { generateSample, type Sample } from "./generateSample.ts";
import { REFERENCE_SCHOOL } from "./referenceSchool.ts";

let sample: Sample;
const csv = new Map<string, ReadBack>();

beforeAll(async () => {
  sample = await generateSample();
  for (const f of sample.files) if (f.path.endsWith(".csv")) csv.set(f.path, readBackCsv(f.data));
}, 60_000);

const years = () => sample.years.map((y) => y.label);
const filesUnder = (prefix: string) => [...csv.entries()].filter(([p]) => p.startsWith(prefix));

/** Rows of a table as objects keyed by column key, the way the reader maps headers. */
function records(kind: FileKind, table: ReadBack): Record<string, string>[] {
  const lookup = headerLookup(kind);
  const keys = table.header.map((h) => lookup.get(normalizeHeader(h).toLowerCase())?.key ?? null);
  return table.rows.map((row) => {
    const rec: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (k) rec[k] = (row[i] ?? "").normalize("NFKC").trim();
    });
    return rec;
  });
}

const LB_LABELS: Record<string, number> = {
  非留守儿童: 0,
  单亲留守儿童: 1,
  双亲留守儿童: 2,
  "0": 0,
  "1": 1,
  "2": 2,
};

describe("generateSample", () => {
  it("is byte-identical for the same seed and options", async () => {
    const again = await generateSample();
    expect(again.files.map((f) => f.path)).toEqual(sample.files.map((f) => f.path));
    again.files.forEach((f, i) => expect(f.data.equals(sample.files[i]!.data), f.path).toBe(true));
  }, 60_000);

  it("writes different data for another seed", async () => {
    const other = await generateSample({ seed: 2, years: 1 });
    const mine = sample.files.find((f) => f.path === "2024-2025/schools.csv")!;
    const theirs = other.files.find((f) => f.path === "2024-2025/schools.csv")!;
    expect(theirs.data.equals(mine.data)).toBe(false);
  }, 60_000);

  it("writes the folder layout of the data contract", () => {
    expect(years()).toEqual(["2023-2024", "2024-2025"]);
    const paths = sample.files.map((f) => f.path);
    expect(paths[0]).toBe("site.json");
    for (const y of years()) {
      for (const file of ["schools.csv", "activities.csv", "social.csv"])
        expect(paths).toContain(`${y}/${file}`);
      // The bureau's own 下一步工作 for the county's summary.
      expect(paths).toContain(`${y}/summary/region.md`);
      for (const dir of ["students", "care", "photos"])
        expect(paths.some((p) => p.startsWith(`${y}/${dir}/`))).toBe(true);
    }
    const unexpected = paths.filter(
      (p) =>
        p !== "site.json" &&
        !/^\d{4}-\d{4}\/(schools\.csv|activities\.csv|social\.csv|students\/[^/]+\.csv|care\/[^/]+\.csv|photos\/[^/]+\.jpg|summary\/region\.md)$/.test(
          p,
        ),
    );
    expect(unexpected).toEqual([]);
  });

  it("writes a site.json that the strict schema accepts", () => {
    const text = sample.files.find((f) => f.path === "site.json")!.data.toString("utf8");
    const config = siteConfigSchema.parse(JSON.parse(text));
    expect(config.publisher).toBe("青岚县教育局");
    expect(config.basePath).toBe("/");
    expect(config.k).toBe(5);
    expect(config.kSensitive).toBe(10);
    expect(config.dataDate).toBe("2025-07-31");
  });

  it("uses only headers the reader knows (besides the personal columns it drops) and all required ones", () => {
    const kindOf = (p: string): FileKind =>
      p.includes("/students/")
        ? "students"
        : p.includes("/care/")
          ? "care"
          : (p.split("/")[1]!.replace(".csv", "") as FileKind);
    for (const [p, table] of csv) {
      const kind = kindOf(p);
      const lookup = headerLookup(kind);
      const unknown = table.header.filter((h) => {
        const n = normalizeHeader(h);
        return !lookup.has(n.toLowerCase()) && !isPersonalHeader(n);
      });
      expect(unknown, p).toEqual([]);
      const present = new Set(
        table.header.map((h) => lookup.get(normalizeHeader(h).toLowerCase())?.key),
      );
      const required = COLUMNS[kind].filter((c) => c.required).map((c) => c.key);
      expect(
        required.filter((k) => !present.has(k)),
        p,
      ).toEqual([]);
    }
  });

  it("covers the export variants the reader must handle", () => {
    const rosters = filesUnder("2024-2025/students/").map(([, t]) => t);
    const headers = rosters.map((t) => t.header);
    expect(rosters.filter((t) => t.encoding === "utf8bom").length).toBeGreaterThan(
      rosters.length / 2,
    );
    expect(rosters.some((t) => t.encoding === "gb18030")).toBe(true);
    expect(rosters.some((t) => t.encoding === "utf8")).toBe(true);
    expect(rosters.some((t) => t.delimiter === "\t")).toBe(true);
    for (const alias of ["全国学籍号", "学生姓名", "留守类型"])
      expect(headers.some((h) => h.includes(alias))).toBe(true);
    expect(headers.some((h) => h.includes("学籍号*"))).toBe(true);
    const personal = headers.filter((h) => h.some((x) => isPersonalHeader(normalizeHeader(x))));
    expect(personal).toHaveLength(1);
    expect(personal[0]).toEqual(expect.arrayContaining(["身份证件号", "家庭住址"]));
    const noParents = headers.filter((h) => !h.includes("父亲外出务工"));
    expect(noParents.length).toBeGreaterThanOrEqual(2);
    expect(noParents.length).toBeLessThanOrEqual(5);
    const cells = rosters.flatMap((t) => records("students", t));
    expect(cells.some((r) => r.sex === "1")).toBe(true);
    expect(cells.some((r) => r.left_behind === "2")).toBe(true);
    expect(cells.some((r) => /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(r.birth_date ?? ""))).toBe(true);
    expect(cells.some((r) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(r.birth_date ?? ""))).toBe(true);
    expect(cells.some((r) => /^初[一二三]$/.test(r.grade ?? ""))).toBe(true);
    const careTables = filesUnder("2024-2025/care/").map(([, t]) => t);
    expect(careTables.some((t) => t.encoding === "gb18030")).toBe(true);
    expect(careTables.some((t) => t.header.includes("帮扶类型"))).toBe(true);
  });

  it("only lists roster rows of schools in schools.csv, and every school sends a roster", () => {
    for (const y of years()) {
      const schools = new Set(
        records("schools", csv.get(`${y}/schools.csv`)!).map((r) => r.school_id ?? ""),
      );
      const seen = new Set<string>();
      for (const [, t] of filesUnder(`${y}/students/`))
        for (const r of records("students", t)) {
          expect(schools.has(r.school_id!)).toBe(true);
          seen.add(r.school_id!);
        }
      expect([...schools].filter((id) => !seen.has(id))).toEqual([]);
    }
  });

  it("reproduces the reference school in its roster file", () => {
    const t = csv.get(`${REFERENCE_SCHOOL.year}/students/${REFERENCE_SCHOOL.id}.csv`)!;
    const rows = records("students", t);
    expect(rows).toHaveLength(REFERENCE_SCHOOL.pupils);
    expect(new Set(rows.map((r) => r.class)).size).toBe(REFERENCE_SCHOOL.classes);
    const lb = rows.filter((r) => r.left_behind !== "非留守儿童");
    expect(lb).toHaveLength(REFERENCE_SCHOOL.leftBehind);
    expect(lb.filter((r) => r.sex === "男")).toHaveLength(REFERENCE_SCHOOL.leftBehindBoys);
    expect(lb.filter((r) => r.sex === "女")).toHaveLength(REFERENCE_SCHOOL.leftBehindGirls);
    const schools = records("schools", csv.get(`${REFERENCE_SCHOOL.year}/schools.csv`)!);
    expect(schools.find((s) => s.school_id === REFERENCE_SCHOOL.id)).toMatchObject({
      school_name: REFERENCE_SCHOOL.name,
      level: "小学",
      urban_rural: REFERENCE_SCHOOL.urbanRural,
    });
  });

  it("keeps 是否留守儿童 consistent with the parents' columns wherever they are given", () => {
    const bad: string[] = [];
    for (const y of years())
      for (const [p, t] of filesUnder(`${y}/students/`))
        for (const r of records("students", t)) {
          if (r.father_away === undefined) continue;
          const away = Number(r.father_away === "是") + Number(r.mother_away === "是");
          if (away !== LB_LABELS[r.left_behind!]) bad.push(`${p}: ${r.left_behind}`);
        }
    expect(bad).toEqual([]);
  });

  it("records care only for left-behind pupils on that year's roster, inside the school year, once per row", () => {
    for (const y of years()) {
      const lb = new Map<string, string>();
      for (const [, t] of filesUnder(`${y}/students/`))
        for (const r of records("students", t))
          if (LB_LABELS[r.left_behind!] !== 0) lb.set(r.student_no!, r.school_id!);
      const start = Number(y.slice(0, 4));
      const problems: string[] = [];
      for (const [p, t] of filesUnder(`${y}/care/`)) {
        const seen = new Set<string>();
        for (const r of records("care", t)) {
          const m = /^(\d{4})\D(\d{1,2})\D(\d{1,2})日?$/.exec(r.date!);
          const iso = m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : "";
          if (!(iso >= `${start}-09-01` && iso <= `${start + 1}-08-31`))
            problems.push(`${p} date ${r.date}`);
          if (lb.get(r.student_no!) !== r.school_id) problems.push(`${p} pupil ${r.student_no}`);
          const type =
            r.care_type === "亲情视频" || r.care_type === "视频通话" ? "亲情电话" : r.care_type;
          if (!(CARE_TYPES as readonly string[]).includes(type!))
            problems.push(`${p} type ${r.care_type}`);
          const key = Object.values(r).join("|");
          if (seen.has(key)) problems.push(`${p} duplicate ${key}`);
          seen.add(key);
        }
      }
      expect(problems).toEqual([]);
    }
  });

  it("records care that mostly, but not always, meets the norms, better in some schools", () => {
    const y = "2024-2025";
    const lb = new Map<string, string>();
    for (const [, t] of filesUnder(`${y}/students/`))
      for (const r of records("students", t))
        if (LB_LABELS[r.left_behind!] !== 0) lb.set(r.student_no!, r.school_id!);
    const care = filesUnder(`${y}/care/`).flatMap(([, t]) => records("care", t));
    const pupilsWith = (type: string) =>
      new Set(care.filter((r) => r.care_type === type).map((r) => r.student_no));
    expect(pupilsWith("建档").size / lb.size).toBeGreaterThan(0.9);
    expect(pupilsWith("结对帮扶").size / lb.size).toBeGreaterThan(0.7);
    const talksPerChild = care.filter((r) => r.care_type === "谈心").length / lb.size;
    expect(talksPerChild).toBeGreaterThan(4); // of 8 school months
    expect(talksPerChild).toBeLessThan(7.8);
    // Share of pupils with a home visit, per school with at least 20 left-behind pupils.
    const visited = pupilsWith("家访");
    const bySchool = new Map<string, [number, number]>();
    for (const [no, school] of lb) {
      const [v, n] = bySchool.get(school) ?? [0, 0];
      bySchool.set(school, [v + (visited.has(no) ? 1 : 0), n + 1]);
    }
    const rates = [...bySchool.values()].filter(([, n]) => n >= 20).map(([v, n]) => v / n);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.15);
    expect(Math.max(...rates)).toBeLessThan(1.0001);
  });

  it("keeps activities consistent, with county-wide rows and consented photos that exist", () => {
    const activityTypes = new Set<string>(ACTIVITY_TYPES);
    for (const y of years()) {
      const rows = records("activities", csv.get(`${y}/activities.csv`)!);
      const photos = new Set(
        sample.files
          .filter((f) => f.path.startsWith(`${y}/photos/`))
          .map((f) => f.path.split("/")[2]),
      );
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.some((r) => r.school_id === "" && r.county === "青岚县")).toBe(true);
      for (const r of rows) {
        expect(activityTypes.has(r.activity_type!)).toBe(true);
        if (r.participants)
          expect(Number(r.participants)).toBeGreaterThanOrEqual(Number(r.lb_participants));
        expect(r.title!.length).toBeLessThanOrEqual(80);
        for (const name of (r.photos ?? "").split(";").filter(Boolean))
          expect(photos.has(name)).toBe(true);
        if (r.photos) expect(["是", "否"]).toContain(r.photo_consent);
      }
      const withPhotos = rows.filter((r) => r.photos);
      expect(withPhotos.filter((r) => r.photo_consent === "是").length).toBeGreaterThan(
        withPhotos.length / 2,
      );
    }
    const all = years().flatMap((y) => records("activities", csv.get(`${y}/activities.csv`)!));
    expect(all.some((r) => r.photo_consent === "否")).toBe(true);
  });

  it("never writes a pupil's name into text that is published", () => {
    for (const y of years()) {
      const names = new Set<string>();
      for (const [, t] of filesUnder(`${y}/students/`))
        for (const r of records("students", t)) names.add(r.name!);
      const texts = [
        ...records("activities", csv.get(`${y}/activities.csv`)!).flatMap((r) => [
          r.title!,
          r.summary!,
        ]),
        ...records("social", csv.get(`${y}/social.csv`)!).flatMap((r) => [r.donor!, r.items!]),
      ];
      const hits = texts.filter((t) => [...names].some((n) => t.includes(n)));
      expect(hits).toEqual([]);
    }
  });

  it("writes social support amounts in the styles offices use", () => {
    const amounts = years().flatMap((y) =>
      records("social", csv.get(`${y}/social.csv`)!).map((r) => r.amount_yuan!),
    );
    expect(amounts.some((a) => /^\d+$/.test(a))).toBe(true);
    expect(amounts.some((a) => /^\d+(\.\d+)?万$/.test(a))).toBe(true);
    expect(amounts.some((a) => /^\d{1,3}(,\d{3})+$/.test(a))).toBe(true);
    expect(amounts.some((a) => a === "")).toBe(true);
  });

  it("stays well under 10 MB, with small photos", () => {
    const total = sample.files.reduce((n, f) => n + f.data.length, 0);
    const photos = sample.files.filter((f) => f.path.endsWith(".jpg"));
    expect(total).toBeLessThan(8 * 1024 * 1024);
    expect(photos.reduce((n, f) => n + f.data.length, 0)).toBeLessThan(2 * 1024 * 1024);
    for (const p of photos) expect(p.data.length).toBeLessThan(40 * 1024);
  });
});

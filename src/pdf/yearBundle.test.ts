import { strToU8, unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { summaryFileName, yearBundle } from "./yearBundle.ts";

const PDF = strToU8("%PDF-1.4\n% not a real one\n");
const CSV = strToU8("\uFEFF单位代码,单位,在校学生\r\n4101020001,测试县第一小学,320\r\n".repeat(20));
const ENTRIES = [
  { name: "青岚县2024-2025学年留守儿童关爱工作统计摘要.pdf", content: PDF },
  { name: "data/2024-2025/enr.csv", content: CSV },
  { name: "data/2024-2025/cov.亲情电话.csv", content: CSV },
  { name: "data/schema.md", content: strToU8("# 说明\n") },
];

/** The local file headers of a zip: name, general-purpose flags, method, DOS time and date. */
function localHeaders(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const headers = [];
  for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    headers.push({
      name: new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength)),
      flags: view.getUint16(at + 6, true),
      method: view.getUint16(at + 8, true),
      time: view.getUint16(at + 10, true),
      date: view.getUint16(at + 12, true),
    });
    at += 30 + nameLength + extraLength + view.getUint32(at + 18, true);
  }
  return headers;
}

const tz = process.env.TZ;
afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

describe("yearBundle", () => {
  it("holds the region's PDF and the tables under their site paths, in order, unchanged", () => {
    const files = unzipSync(yearBundle(ENTRIES));
    expect(Object.keys(files)).toEqual(ENTRIES.map((e) => e.name));
    for (const e of ENTRIES) expect(files[e.name]).toEqual(e.content);
  });

  it("gives the same bytes for the same files, in any time zone", () => {
    process.env.TZ = "UTC";
    const a = yearBundle(ENTRIES);
    process.env.TZ = "Asia/Shanghai";
    const b = yearBundle(ENTRIES);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("flags exactly the Chinese names as UTF-8, dates every entry 1980-01-01 00:00, stores PDFs and deflates tables", () => {
    const headers = localHeaders(yearBundle(ENTRIES));
    expect(headers.map((h) => h.name)).toEqual(ENTRIES.map((e) => e.name));
    expect(headers.map((h) => (h.flags & 0x0800) !== 0)).toEqual([true, false, true, false]);
    for (const h of headers) {
      expect(h.time).toBe(0);
      expect(h.date).toBe((0 << 9) | (1 << 5) | 1);
    }
    expect(headers.map((h) => h.method)).toEqual([0, 8, 8, 8]);
  });

  it("marks the entries as made on Unix, ordinary files readable by all", () => {
    const zip = yearBundle(ENTRIES);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    let at = view.getUint32(end + 16, true);
    for (const e of ENTRIES) {
      expect(view.getUint32(at, true), e.name).toBe(0x02014b50);
      expect(view.getUint8(at + 5), e.name).toBe(3);
      expect(view.getUint32(at + 38, true) >>> 16, e.name).toBe(0o100644);
      at +=
        46 +
        view.getUint16(at + 28, true) +
        view.getUint16(at + 30, true) +
        view.getUint16(at + 32, true);
    }
  });

  it("names the county's summary in Chinese, without characters a file name cannot have", () => {
    expect(summaryFileName("青岚县", "2024-2025")).toBe(
      "青岚县2024-2025学年留守儿童关爱工作统计摘要.pdf",
    );
    expect(summaryFileName("A/B:县", "2024-2025")).toMatch(/^A_B_县2024/);
  });

  it("refuses names that leave the zip's folder or are given twice", () => {
    for (const name of ["/etc/a.csv", "../a.csv", "data//a.csv", "a\\b.csv", "a\u0000.csv"]) {
      expect(() => yearBundle([{ name, content: CSV }]), name).toThrow(/safe relative/);
    }
    expect(() => yearBundle([ENTRIES[0]!, ENTRIES[0]!])).toThrow(/duplicate/);
  });
});

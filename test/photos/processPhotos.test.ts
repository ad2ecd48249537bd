/**
 * Activity photos: a consented camera photo (EXIF with GPS, XMP, IPTC, ICC) is published as
 * WebP in three widths named by content hash with no metadata left; a photo without the
 * guardian's consent never reaches the site; corrupt, truncated and oversized images, path
 * traversal and links out of photos/ are problems at the activity's row, never a throw; a second
 * run copies everything from the cache and gives the same bytes.
 */
import { createHash } from "node:crypto";
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  unlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSecrets, scanOutput } from "../../src/pipeline/guard/privacyGuard.ts";
import {
  MAX_INPUT_PIXELS,
  activityPhotosOf,
  defaultPhotoCacheDir,
  processPhotos,
  readImageFacts,
  widthsFor,
  type ActivityPhotos,
  type ProcessPhotosResult,
} from "../../src/pipeline/photos/processPhotos.ts";
import { CATALOGUE, ProblemSink, type Problem } from "../../src/pipeline/problems.ts";
import { ACTIVITIES, PROBLEM_FIELDS, removeDataDirs } from "../helpers/dataDir.ts";
import { photoUnreadableCase } from "./photoProblemCase.ts";

const YEAR = "2024-2025";
const FILE = `${YEAR}/activities.csv`;

let root: string;
let dataDir: string;
let photosDir: string;
/** Bytes of each test photo by name. */
const originals = new Map<string, Buffer>();

const hashOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

// ---------- building test photos ----------

const XMP = [
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>',
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
  '<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"',
  ' exif:GPSLatitude="34,45.5N" exif:GPSLongitude="113,37.2E"/>',
  '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
].join("");

/** Inserts an APP13 (Photoshop 3.0) segment with an IPTC caption after the JPEG's SOI marker. */
function withIptc(jpeg: Buffer, caption: string): Buffer {
  const text = Buffer.from(caption);
  const iptc = Buffer.concat([Buffer.from([0x1c, 0x02, 0x78, 0x00, text.length]), text]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  const resource = Buffer.concat([
    Buffer.from("8BIM"),
    Buffer.from([0x04, 0x04, 0x00, 0x00]),
    size,
    iptc,
    Buffer.alloc(iptc.length % 2),
  ]);
  const payload = Buffer.concat([Buffer.from("Photoshop 3.0\0"), resource]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([
    jpeg.subarray(0, 2),
    Buffer.from([0xff, 0xed]),
    length,
    payload,
    jpeg.subarray(2),
  ]);
}

/** A phone photo: EXIF (camera, owner, GPS position), XMP with GPS, IPTC caption, P3 ICC profile. */
async function cameraJpeg(width: number, height: number, background: string): Promise<Buffer> {
  const jpeg = await sharp({ create: { width, height, channels: 3, background } })
    .withExif({
      IFD0: {
        Copyright: "张老师",
        ImageDescription: "中秋节 城关镇第一小学",
        Make: "HUAWEI",
        Model: "ELS-AN00",
      },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "34/1 45/1 30/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "113/1 37/1 12/1",
      },
    })
    .withXmp(XMP)
    .withIccProfile("p3")
    .jpeg({ quality: 90 })
    .toBuffer();
  return withIptc(jpeg, "caption by teacher");
}

/** Tags of the EXIF GPS directory (empty when there is none). */
function gpsTags(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.indexOf("Exif\0\0") + 6);
  const le = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) {
    const entry = ifd0 + 2 + i * 12;
    if (u16(entry) !== 0x8825) continue;
    const gps = u32(entry + 8);
    return Array.from({ length: u16(gps) }, (_, j) => u16(gps + 2 + j * 12));
  }
  return [];
}

/** A PNG whose header claims 10000 × 10000 pixels (100 megapixels) with almost no data. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(10_000, 0);
  ihdr.writeUInt32BE(10_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.alloc(10_001))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Bytes that are no image at all, the same on every run. */
function noise(length: number): Buffer {
  let x = 12345;
  return Buffer.from(
    Array.from({ length }, () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x & 0xff;
    }),
  );
}

// ---------- the fixture ----------

/** The activity rows of every run: rows 2… of activities.csv. */
const ACTIVITY_ROWS: ActivityPhotos[] = [
  { file: FILE, row: 2, photos: ["zhongqiu.jpg", "hengping.jpg"], consent: true },
  { file: FILE, row: 3, photos: ["private.jpg", "never-read.jpg"], consent: false },
  { file: FILE, row: 4, photos: ["small.png", "corrupt.jpg"], consent: true },
  { file: FILE, row: 5, photos: ["truncated.jpg"], consent: true },
  { file: FILE, row: 6, photos: ["bomb.png"], consent: true },
  {
    file: FILE,
    row: 7,
    photos: ["../site.json", "/etc/passwd", "link.jpg", "gone.jpg"],
    consent: true,
  },
  // The same photo in a second activity (and photos/ prefix): encoded once.
  { file: FILE, row: 8, photos: ["photos/zhongqiu.jpg"], consent: true },
  { file: FILE, row: 9, photos: [], consent: true },
];

async function run(name: string, cache = "cache"): Promise<ProcessPhotosResult & { out: string }> {
  const out = path.join(root, name);
  const result = await processPhotos({
    dataDir,
    year: YEAR,
    activities: ACTIVITY_ROWS,
    outDir: out,
    cacheDir: path.join(root, cache),
    urlBase: "/county/",
  });
  return { ...result, out };
}

async function outputFiles(out: string): Promise<string[]> {
  return (await readdir(path.join(out, "photos"))).sort();
}

function problemsAt(result: ProcessPhotosResult, row: number): Problem[] {
  return result.problems.filter((p) => p.row === row);
}

let first: ProcessPhotosResult & { out: string };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "lsrt-photos-"));
  dataDir = path.join(root, "data");
  photosDir = path.join(dataDir, YEAR, "photos");
  await mkdir(photosDir, { recursive: true });
  await writeFile(path.join(dataDir, "site.json"), '{"title":"测试"}\n');
  const zhongqiu = await cameraJpeg(2000, 1500, "#888888");
  // Stored landscape, shown portrait: EXIF orientation 6 (rotate 90° clockwise).
  const hengping = await sharp(await cameraJpeg(1200, 800, "#6688aa"))
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
  const photos: Record<string, Buffer> = {
    "zhongqiu.jpg": zhongqiu,
    "hengping.jpg": hengping,
    "private.jpg": await cameraJpeg(800, 600, "#aa5533"),
    "small.png": await sharp({
      create: { width: 300, height: 200, channels: 4, background: "#33aa5580" },
    })
      .png()
      .toBuffer(),
    "corrupt.jpg": noise(4096),
    "truncated.jpg": zhongqiu.subarray(0, Math.floor(zhongqiu.length / 2)),
    "bomb.png": pngBomb(),
  };
  for (const [name, bytes] of Object.entries(photos)) {
    originals.set(name, bytes);
    await writeFile(path.join(photosDir, name), bytes);
  }
  // A link inside photos/ to a real photo outside it.
  await writeFile(path.join(dataDir, "outside.jpg"), await cameraJpeg(600, 400, "#112233"));
  await symlink(path.join(dataDir, "outside.jpg"), path.join(photosDir, "link.jpg"));
  first = await run("site1");
});

afterAll(async () => {
  await removeDataDirs();
  await rm(root, { recursive: true, force: true });
});

// ---------- the tests ----------

describe("publishing a consented photo", () => {
  it("writes WebP in 480, 960 and 1600 px named by content hash, with the sizes returned", async () => {
    const gallery = first.activities[0]!;
    expect(gallery).toMatchObject({ file: FILE, row: 2, withheld: 0 });
    const photo = gallery.photos[0]!;
    const hash = hashOf(originals.get("zhongqiu.jpg")!);
    expect(photo.hash).toBe(hash);
    expect(photo.variants.map((v) => [v.file, v.width, v.height])).toEqual([
      [`photos/${hash}-480.webp`, 480, 360],
      [`photos/${hash}-960.webp`, 960, 720],
      [`photos/${hash}-1600.webp`, 1600, 1200],
    ]);
    expect(photo).toMatchObject({
      src: `/county/photos/${hash}-960.webp`,
      width: 960,
      height: 720,
    });
    expect(photo.srcset).toBe(
      [480, 960, 1600].map((w) => `/county/photos/${hash}-${w}.webp ${w}w`).join(", "),
    );
    for (const v of photo.variants) {
      const bytes = await readFile(path.join(first.out, v.file));
      expect(bytes.length).toBe(v.bytes);
      const facts = await readImageFacts(bytes);
      expect(facts).toMatchObject({ format: "webp", width: v.width, height: v.height });
    }
  });

  it("drops EXIF (with GPS), XMP, IPTC and ICC that the original carries", async () => {
    const original = originals.get("zhongqiu.jpg")!;
    const before = await readImageFacts(original);
    expect(before).toMatchObject({ exif: true, xmp: true, iptc: true, icc: true });
    const meta = await sharp(original).metadata();
    expect(gpsTags(meta.exif!)).toEqual(expect.arrayContaining([1, 2, 3, 4]));
    expect(meta.xmpAsString).toContain("GPSLatitude");

    const files = await outputFiles(first.out);
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const bytes = await readFile(path.join(first.out, "photos", name));
      expect(await readImageFacts(bytes)).toMatchObject({
        exif: false,
        xmp: false,
        iptc: false,
        icc: false,
        comments: false,
        orientation: null,
      });
      const text = bytes.toString("latin1");
      for (const marker of ["Exif", "EXIF", "XMP ", "ICCP", "xmpmeta", "Photoshop", "HUAWEI"]) {
        expect(text, `${name} contains ${marker}`).not.toContain(marker);
      }
    }
    // The project's own privacy guard agrees.
    expect(await scanOutput(first.out, makeSecrets())).toEqual([]);
  });

  it("names outputs by hash only: no original name, date or school in any file name", async () => {
    const files = await outputFiles(first.out);
    for (const name of files) expect(name).toMatch(/^[0-9a-f]{16}-\d+\.webp$/);
    const joined = files.join(" ");
    for (const word of ["zhongqiu", "hengping", "small", "2024", "photos"]) {
      expect(joined).not.toContain(word);
    }
    // Exactly the published photos: 3 + 1 + 1 sizes, the repeated photo written once.
    expect(files).toHaveLength(5);
    expect(first.activities[6]!.photos[0]!.hash).toBe(first.activities[0]!.photos[0]!.hash);
  });

  it("honours the EXIF orientation before dropping it, and never upscales", async () => {
    const original = await readImageFacts(originals.get("hengping.jpg")!);
    expect(original).toMatchObject({ width: 1200, height: 800, orientation: 6 });
    // Shown 800 px wide: only the 480 px size fits.
    const portrait = first.activities[0]!.photos[1]!;
    expect(portrait.variants.map((v) => [v.width, v.height])).toEqual([[480, 720]]);
    expect(portrait).toMatchObject({ width: 480, height: 720 });
    // Narrower than the smallest size: one image at its own width.
    const small = first.activities[2]!.photos[0]!;
    expect(small.variants.map((v) => [v.width, v.height])).toEqual([[300, 200]]);
    expect(small.srcset).toBe(`/county/photos/${small.hash}-300.webp 300w`);
    expect(widthsFor(1600)).toEqual([480, 960, 1600]);
    expect(widthsFor(5000)).toEqual([480, 960, 1600]);
    expect(widthsFor(959)).toEqual([480]);
    expect(widthsFor(120)).toEqual([120]);
  });

  it("keeps an activity without photos as an empty gallery", () => {
    expect(first.activities[7]).toEqual({ file: FILE, row: 9, photos: [], withheld: 0 });
  });
});

describe("photos without the guardian's consent", () => {
  it("are only counted: never read, never written, no problem", async () => {
    const gallery = first.activities[1]!;
    expect(gallery).toEqual({ file: FILE, row: 3, photos: [], withheld: 2 });
    // never-read.jpg does not exist: had it been read, it would be E_PHOTO_MISSING.
    expect(problemsAt(first, 3)).toEqual([]);
    const hash = hashOf(originals.get("private.jpg")!);
    expect((await outputFiles(first.out)).filter((f) => f.startsWith(hash))).toEqual([]);
  });

  it("follow 照片已获监护人同意 of validated rows (empty = 否)", () => {
    const refs = activityPhotosOf([
      { file: FILE, row: 2, photos: ["a.jpg"], photo_consent: true },
      { file: FILE, row: 3, photos: ["b.jpg"], photo_consent: false },
      { file: FILE, row: 4, photos: ["c.jpg"] },
      { file: FILE, row: 5 },
    ]);
    expect(refs.map((r) => [r.row, r.consent, r.photos, r.column])).toEqual([
      [2, true, ["a.jpg"], "照片"],
      [3, false, ["b.jpg"], "照片"],
      [4, false, ["c.jpg"], "照片"],
      [5, false, [], "照片"],
    ]);
  });
});

describe("photos that cannot be published", () => {
  const expectProblem = (p: Problem | undefined, code: string, row: number, value: string) => {
    expect(p, JSON.stringify(first.problems, null, 1)).toBeDefined();
    expect(p).toMatchObject({ file: FILE, row, column: "照片", code, severity: "error" });
    expect(Object.keys(p!).sort()).toEqual(PROBLEM_FIELDS);
    expect(p!.message).toContain(`“${value}”`);
  };

  it("reports random bytes named .jpg at the activity's file and row, beside good photos", () => {
    const [p, ...rest] = problemsAt(first, 4);
    expect(rest).toEqual([]);
    expectProblem(p, "E_PHOTO_UNREADABLE", 4, "corrupt.jpg");
    expect(p!.message).toContain("不是可以识别的图片格式");
    expect(first.activities[2]!.photos).toHaveLength(1);
  });

  it("reports a truncated JPEG", () => {
    const [p, ...rest] = problemsAt(first, 5);
    expect(rest).toEqual([]);
    expectProblem(p, "E_PHOTO_UNREADABLE", 5, "truncated.jpg");
    expect(p!.message).toContain("图片已损坏或不完整");
    expect(first.activities[3]!.photos).toEqual([]);
  });

  it("refuses an image over the pixel limit before decoding it", () => {
    expect(MAX_INPUT_PIXELS).toBe(50_000_000);
    const [p, ...rest] = problemsAt(first, 6);
    expect(rest).toEqual([]);
    expectProblem(p, "E_PHOTO_UNREADABLE", 6, "bomb.png");
    expect(p!.message).toContain("超过 5000 万像素");
  });

  it("applies a lower pixel limit when given one", async () => {
    const result = await processPhotos({
      dataDir,
      year: YEAR,
      activities: [{ file: FILE, row: 2, photos: ["zhongqiu.jpg"], consent: true }],
      outDir: path.join(root, "site-limit"),
      cacheDir: path.join(root, "cache-limit"),
      maxPixels: 1_000_000,
    });
    expect(result.problems.map((p) => [p.code, p.row])).toEqual([["E_PHOTO_UNREADABLE", 2]]);
    expect(result.problems[0]!.message).toContain("超过 100 万像素");
    expect(result.activities[0]!.photos).toEqual([]);
    expect(result.stats).toEqual({ processed: 0, fromCache: 0 });
  });

  it("refuses path traversal, absolute paths and links out of photos/ without reading them", async () => {
    const found = problemsAt(first, 7);
    expect(found.map((p) => p.code)).toEqual([
      "E_PHOTO_PATH_UNSAFE",
      "E_PHOTO_PATH_UNSAFE",
      "E_PHOTO_UNREADABLE",
      "E_PHOTO_MISSING",
    ]);
    expectProblem(found[0], "E_PHOTO_PATH_UNSAFE", 7, "../site.json");
    expectProblem(found[1], "E_PHOTO_PATH_UNSAFE", 7, "/etc/passwd");
    expectProblem(found[2], "E_PHOTO_UNREADABLE", 7, "link.jpg");
    expect(found[2]!.message).toContain("photos 文件夹之外");
    expectProblem(found[3], "E_PHOTO_MISSING", 7, "gone.jpg");
    expect(first.activities[5]!.photos).toEqual([]);
    const outside = hashOf(await readFile(path.join(dataDir, "outside.jpg")));
    expect((await outputFiles(first.out)).some((f) => f.startsWith(outside))).toBe(false);
  });

  it("lists every problem once per row, in input order, and adds them to a ProblemSink", async () => {
    expect(first.problems.map((p) => [p.row, p.code])).toEqual([
      [4, "E_PHOTO_UNREADABLE"],
      [5, "E_PHOTO_UNREADABLE"],
      [6, "E_PHOTO_UNREADABLE"],
      [7, "E_PHOTO_PATH_UNSAFE"],
      [7, "E_PHOTO_PATH_UNSAFE"],
      [7, "E_PHOTO_UNREADABLE"],
      [7, "E_PHOTO_MISSING"],
    ]);
    const sink = new ProblemSink();
    const result = await processPhotos({
      dataDir,
      year: YEAR,
      activities: ACTIVITY_ROWS,
      outDir: path.join(root, "site-sink"),
      cacheDir: path.join(root, "cache"),
      problems: sink,
    });
    expect(sink.problems).toEqual(result.problems);
    expect(sink.count("error")).toBe(7);
  });

  it("finds E_PHOTO_UNREADABLE in the base county as the catalogue's table would", async () => {
    const result = await photoUnreadableCase();
    const found = result.problems.filter((p) => p.code === "E_PHOTO_UNREADABLE");
    expect(found, JSON.stringify(result.problems, null, 1)).toHaveLength(1);
    const p = found[0]!;
    expect(p).toMatchObject({ file: ACTIVITIES, row: 2, column: "照片" });
    expect(p.severity).toBe(CATALOGUE.E_PHOTO_UNREADABLE.severity);
    expect(Object.keys(p).sort()).toEqual(PROBLEM_FIELDS);
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    expect(p.message).toContain("zhongqiu.jpg");
    expect(result.errors).toBe(result.problems.filter((q) => q.severity === "error").length);
  });
});

describe("the cache", () => {
  it("copies every photo from the cache on a second run, with identical bytes", async () => {
    expect(first.stats).toEqual({ processed: 3, fromCache: 0 });
    const second = await run("site2");
    expect(second.stats).toEqual({ processed: 0, fromCache: 3 });
    expect(second.activities).toEqual(first.activities);
    expect(second.problems).toEqual(first.problems);
    const files = await outputFiles(first.out);
    expect(await outputFiles(second.out)).toEqual(files);
    for (const name of files) {
      const a = await readFile(path.join(first.out, "photos", name));
      const b = await readFile(path.join(second.out, "photos", name));
      expect(b.equals(a), name).toBe(true);
    }
  });

  it("encodes deterministically: a fresh cache gives the same bytes", async () => {
    const fresh = await run("site3", "cache-fresh");
    expect(fresh.stats).toEqual({ processed: 3, fromCache: 0 });
    for (const name of await outputFiles(first.out)) {
      const a = await readFile(path.join(first.out, "photos", name));
      const b = await readFile(path.join(fresh.out, "photos", name));
      expect(b.equals(a), name).toBe(true);
    }
  });

  it("encodes a photo again when its cache entry is incomplete", async () => {
    const cacheRoot = path.join(root, "cache-fresh");
    const [settings] = await readdir(cacheRoot);
    const hash = hashOf(originals.get("zhongqiu.jpg")!);
    await unlink(path.join(cacheRoot, settings!, `${hash}-960.webp`));
    const again = await run("site4", "cache-fresh");
    expect(again.stats).toEqual({ processed: 1, fromCache: 2 });
    const a = await readFile(path.join(first.out, "photos", `${hash}-960.webp`));
    const b = await readFile(path.join(again.out, "photos", `${hash}-960.webp`));
    expect(b.equals(a)).toBe(true);
  });

  it("lives under node_modules/.cache/lsrt/photos of the project by default", () => {
    expect(defaultPhotoCacheDir("/srv/lsrt")).toBe(
      path.join("/srv/lsrt", "node_modules", ".cache", "lsrt", "photos"),
    );
  });
});

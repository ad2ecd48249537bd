/**
 * Activity photos for the galleries (data contract §6): only photos whose row says
 * 照片已获监护人同意 = 是 are published; the others are only counted.
 *
 * Each published photo is read from `<data>/<year>/photos/` (never from anywhere else, links
 * included), named by the SHA-256 of its bytes (no original name, date or school code reaches
 * the site) and written as WebP in up to three widths, never upscaled, with every metadata block
 * (EXIF with its GPS position, XMP, IPTC, ICC) dropped after the EXIF orientation has been
 * applied. Encoding is deterministic, so outputs are cached by content hash: a photo already
 * encoded with the same settings is copied from the cache instead of decoded again.
 *
 * A photo that cannot be used (unsafe path, missing, corrupt, truncated, unsupported, too many
 * pixels) becomes a problem naming the activity's file, row and 照片 column; nothing throws for
 * a bad photo.
 */
import { createHash } from "node:crypto";
import {
  copyFile,
  mkdir,
  open,
  readFile,
  realpath,
  rename,
  stat,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import {
  problem,
  type Detail,
  type Problem,
  type ProblemCode,
  type ProblemSink,
} from "../problems.ts";
import { isSafePhotoPath, photoKey } from "../validate/validateYear.ts";
import type { ActivityRow } from "../validate/schemas.ts";
import type { Located } from "../validate/validateYear.ts";

/** Output widths in pixels, smallest first. */
export const PHOTO_WIDTHS: readonly number[] = [480, 960, 1600];
/** Decompression-bomb guard: images with more pixels are refused before decoding. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Files larger than this are refused before reading. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
/** Formats accepted as input (sharp's names); SVG, PDF and the rest are refused. */
const INPUT_FORMATS: ReadonlySet<string> = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif"]);
/** Fixed WebP settings: the same bytes in give the same bytes out. */
const WEBP = { quality: 80, effort: 4, smartSubsample: false } as const;
/** Header of the 照片 column, for problems when the caller does not pass the header as written. */
export const PHOTO_COLUMN = "照片";
/** Output folder of the images inside the site folder, and the start of their URLs. */
export const PHOTO_DIR = "photos";

/** The photos of one activity row, as listed in activities.csv. */
export interface ActivityPhotos {
  /** The activities file, relative to the data folder (forward slashes), for problems. */
  file: string;
  /** Excel row number of the activity, for problems. */
  row: number;
  /** Header of the photo column as written in the file (default "照片"). */
  column?: string;
  /** Photo file names as written in the cell, relative to photos/. */
  photos: readonly string[];
  /** 照片已获监护人同意 = 是. */
  consent: boolean;
}

export interface ProcessPhotosOptions {
  /** The data folder. */
  dataDir: string;
  /** The school-year folder, e.g. "2024-2025". */
  year: string;
  activities: readonly ActivityPhotos[];
  /** The site folder being built; images are written under `<outDir>/photos/`. */
  outDir: string;
  /** Cache folder (the build passes `defaultPhotoCacheDir(projectRoot)`). */
  cacheDir: string;
  /** Prefix of the URLs in `src` and `srcset`: the site's base path (default "/"). */
  urlBase?: string;
  /** Photos decoded at the same time (default 2). */
  concurrency?: number;
  /** Pixel limit (default MAX_INPUT_PIXELS); tests may lower it. */
  maxPixels?: number;
  /** Problems are also reported here when given. */
  problems?: ProblemSink;
}

/** One encoded size of a photo. */
export interface PhotoVariant {
  /** URL: `<urlBase>photos/<hash>-<width>.webp`. */
  src: string;
  /** Path relative to the site folder (forward slashes). */
  file: string;
  width: number;
  height: number;
  bytes: number;
}

/** A published photo: no original name, only its content hash. */
export interface PublishedPhoto {
  /** First 16 hex digits of the SHA-256 of the original file. */
  hash: string;
  /** Every size, smallest first (at least one). */
  variants: PhotoVariant[];
  /** The default `src` (the largest variant at most 960 wide) and its size for width/height. */
  src: string;
  width: number;
  height: number;
  /** `srcset` attribute: every variant with its width descriptor. */
  srcset: string;
}

/** The gallery of one activity row, in the order of the input. */
export interface ActivityGallery {
  file: string;
  row: number;
  /** Published photos in the order of the cell (unusable ones left out). */
  photos: PublishedPhoto[];
  /** Photos not published because the guardian's consent is missing. */
  withheld: number;
}

export interface ProcessPhotosResult {
  activities: ActivityGallery[];
  /** Problems found in this run, in input order. */
  problems: Problem[];
  stats: {
    /** Distinct photos decoded and encoded in this run. */
    processed: number;
    /** Distinct photos copied from the cache. */
    fromCache: number;
  };
}

/** The cache folder the build uses: `<project root>/node_modules/.cache/lsrt/photos`. */
export function defaultPhotoCacheDir(projectRoot: string): string {
  return path.join(projectRoot, "node_modules", ".cache", "lsrt", "photos");
}

/** The photo references of validated activity rows (`ValidatedYear.activities`). */
export function activityPhotosOf(
  rows: readonly (Pick<ActivityRow, "photos" | "photo_consent"> & Located)[],
  column: string = PHOTO_COLUMN,
): ActivityPhotos[] {
  return rows.map((r) => ({
    file: r.file,
    row: r.row,
    column,
    photos: r.photos ?? [],
    consent: r.photo_consent === true,
  }));
}

// ---------- one photo ----------

type Outcome =
  | { ok: true; photo: Omit<PublishedPhoto, "src" | "srcset" | "variants"> & { sizes: Size[] } }
  | { ok: false; code: ProblemCode; extra?: string };

interface Size {
  width: number;
  height: number;
  bytes: number;
}

/** What the cache keeps next to the images of a photo; written last, so it marks a whole entry. */
interface Manifest {
  hash: string;
  sizes: Size[];
}

/** Why a read was refused. */
class Refused extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly extra?: string,
  ) {
    super(code);
  }
}

/**
 * Reads a photo named in a cell, only if it resolves (links followed) to a regular file inside
 * `photosRoot`.
 */
async function readPhoto(photosRoot: string, name: string): Promise<Buffer> {
  if (!isSafePhotoPath(name)) throw new Refused("E_PHOTO_PATH_UNSAFE");
  const parts = photoKey(name).split("/");
  const inside = (root: string, p: string) => {
    const rel = path.relative(root, p);
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
  };
  const candidate = path.resolve(photosRoot, ...parts);
  if (!inside(photosRoot, candidate)) throw new Refused("E_PHOTO_PATH_UNSAFE");
  let real: string;
  let realRoot: string;
  try {
    realRoot = await realpath(photosRoot);
    real = await realpath(candidate);
  } catch {
    throw new Refused("E_PHOTO_MISSING");
  }
  // A link inside photos/ must not lead out of it.
  if (!inside(realRoot, real)) {
    throw new Refused("E_PHOTO_UNREADABLE", "这是指向 photos 文件夹之外的快捷方式或链接");
  }
  let handle;
  try {
    handle = await open(real, "r");
  } catch {
    throw new Refused("E_PHOTO_UNREADABLE", "文件无法打开");
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Refused("E_PHOTO_UNREADABLE", "不是文件");
    if (info.size > MAX_INPUT_BYTES) {
      throw new Refused(
        "E_PHOTO_UNREADABLE",
        `文件有 ${Math.ceil(info.size / 1024 / 1024)} MB，超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB 的上限`,
      );
    }
    return await handle.readFile();
  } catch (e) {
    if (e instanceof Refused) throw e;
    throw new Refused("E_PHOTO_UNREADABLE", "文件无法读取");
  } finally {
    await handle.close();
  }
}

/** The widths to produce for an image `width` pixels wide (after orientation): never upscaled. */
export function widthsFor(width: number): number[] {
  const fit = PHOTO_WIDTHS.filter((w) => w <= width);
  return fit.length > 0 ? fit : [Math.max(1, width)];
}

/** Plain-Chinese reason for a decoding failure. */
function decodeFailure(e: unknown, maxPixels: number): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(text)) return `图片超过 ${maxPixels / 10_000} 万像素的上限`;
  if (/unsupported image format/i.test(text)) return "不是可以识别的图片格式";
  return "图片已损坏或不完整";
}

/** Cache folder of the current settings: a change of widths, quality or libvips starts afresh. */
function settingsKey(): string {
  const settings = JSON.stringify({ widths: PHOTO_WIDTHS, webp: WEBP, vips: sharp.versions.vips });
  return `v1-${createHash("sha256").update(settings).digest("hex").slice(0, 12)}`;
}

const imageName = (hash: string, width: number) => `${hash}-${width}.webp`;

/** Writes a file via a temporary name, so that a crash never leaves half a file in the cache. */
async function writeAtomic(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** The cache entry of a hash when it is complete; null otherwise. */
async function fromCache(cache: string, hash: string): Promise<Manifest | null> {
  try {
    const text = await readFile(path.join(cache, `${hash}.json`), "utf8");
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.hash !== hash || !Array.isArray(manifest.sizes) || manifest.sizes.length === 0)
      return null;
    for (const s of manifest.sizes) {
      const info = await stat(path.join(cache, imageName(hash, s.width)));
      if (!info.isFile() || info.size !== s.bytes) return null;
    }
    return manifest;
  } catch {
    return null;
  }
}

/**
 * Decodes a photo once and encodes every width; a photo that cannot be decoded gives the
 * reason. Writes nothing.
 */
async function encode(
  bytes: Buffer,
  maxPixels: number,
): Promise<{ ok: true; images: { data: Buffer; size: Size }[] } | { ok: false; extra: string }> {
  const input = { limitInputPixels: maxPixels, failOn: "warning" } as const;
  try {
    const meta = await sharp(bytes, input).metadata();
    if (!INPUT_FORMATS.has(meta.format)) return { ok: false, extra: "不是可以识别的图片格式" };
    const width = meta.autoOrient?.width ?? meta.width;
    // `rotate()` applies the EXIF orientation before the metadata is dropped; nothing calls
    // keepMetadata/withMetadata, so EXIF, XMP, IPTC and ICC are all left out of the output.
    const base = sharp(bytes, input).rotate();
    const images: { data: Buffer; size: Size }[] = [];
    for (const w of widthsFor(width)) {
      const { data, info } = await base
        .clone()
        .resize({ width: w, withoutEnlargement: true })
        .webp(WEBP)
        .toBuffer({ resolveWithObject: true });
      images.push({ data, size: { width: info.width, height: info.height, bytes: data.length } });
    }
    return { ok: true, images };
  } catch (e) {
    return { ok: false, extra: decodeFailure(e, maxPixels) };
  }
}

/** Stores encoded images in the cache, the manifest last. */
async function store(cache: string, hash: string, images: { data: Buffer; size: Size }[]) {
  for (const { data, size } of images) {
    await writeAtomic(path.join(cache, imageName(hash, size.width)), data);
  }
  const manifest: Manifest = { hash, sizes: images.map((i) => i.size) };
  await writeAtomic(path.join(cache, `${hash}.json`), `${JSON.stringify(manifest)}\n`);
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

// ---------- all photos of a year ----------

/**
 * Publishes the consented photos of a year's activities into `<outDir>/photos/` and returns
 * each activity's gallery. Never throws for a bad photo: it becomes a problem.
 */
export async function processPhotos(options: ProcessPhotosOptions): Promise<ProcessPhotosResult> {
  if (!/^\d{4}-\d{4}$/.test(options.year)) throw new Error(`not a school year: ${options.year}`);
  const urlBase = options.urlBase ?? "/";
  const maxPixels = options.maxPixels ?? MAX_INPUT_PIXELS;
  const photosRoot = path.resolve(options.dataDir, options.year, "photos");
  const cache = path.resolve(options.cacheDir, settingsKey());
  const outPhotos = path.resolve(options.outDir, PHOTO_DIR);
  await mkdir(cache, { recursive: true });
  await mkdir(outPhotos, { recursive: true });

  // Each distinct name is read once, however many rows list it; non-consented rows never read.
  const names = [
    ...new Set(options.activities.filter((a) => a.consent).flatMap((a) => a.photos)),
  ].sort();
  let processed = 0;
  let cached = 0;
  /** Hashes being handled, so that two names with the same content are encoded once. */
  const byHash = new Map<string, Promise<Outcome>>();

  const handle = async (hash: string, bytes: Buffer): Promise<Outcome> => {
    let sizes: Size[];
    const hit = await fromCache(cache, hash);
    if (hit) {
      sizes = hit.sizes;
      cached++;
    } else {
      const made = await encode(bytes, maxPixels);
      if (!made.ok) return { ok: false, code: "E_PHOTO_UNREADABLE", extra: made.extra };
      await store(cache, hash, made.images);
      sizes = made.images.map((i) => i.size);
      processed++;
    }
    for (const s of sizes) {
      const name = imageName(hash, s.width);
      await copyFile(path.join(cache, name), path.join(outPhotos, name));
    }
    const main = [...sizes].reverse().find((s) => s.width <= 960) ?? sizes[0]!;
    return { ok: true, photo: { hash, sizes, width: main.width, height: main.height } };
  };

  const outcomes = await mapLimited(names, options.concurrency ?? 2, async (name) => {
    let bytes: Buffer;
    try {
      bytes = await readPhoto(photosRoot, name);
    } catch (e) {
      if (e instanceof Refused) return { ok: false, code: e.code, extra: e.extra } as Outcome;
      return { ok: false, code: "E_PHOTO_UNREADABLE", extra: "文件无法读取" } as Outcome;
    }
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    let pending = byHash.get(hash);
    if (!pending) {
      // Failing to write the cache or the site is not the photo's fault: it throws.
      pending = handle(hash, bytes);
      byHash.set(hash, pending);
    }
    return pending;
  });
  const outcomeOf = new Map(names.map((n, i) => [n, outcomes[i]!]));

  const problems: Problem[] = [];
  const activities: ActivityGallery[] = options.activities.map((a) => {
    const gallery: ActivityGallery = { file: a.file, row: a.row, photos: [], withheld: 0 };
    if (!a.consent) {
      gallery.withheld = a.photos.length;
      return gallery;
    }
    for (const name of a.photos) {
      const o = outcomeOf.get(name)!;
      if (!o.ok) {
        const detail: Detail = { value: name, ...(o.extra ? { extra: o.extra } : {}) };
        const p = problem(o.code, a.file, a.row, a.column ?? PHOTO_COLUMN, detail);
        problems.push(p);
        options.problems?.add(p);
        continue;
      }
      const variants = o.photo.sizes.map((s) => {
        const file = `${PHOTO_DIR}/${imageName(o.photo.hash, s.width)}`;
        return { src: `${urlBase}${file}`, file, width: s.width, height: s.height, bytes: s.bytes };
      });
      const main = variants.find((v) => v.width === o.photo.width)!;
      gallery.photos.push({
        hash: o.photo.hash,
        variants,
        src: main.src,
        width: main.width,
        height: main.height,
        srcset: variants.map((v) => `${v.src} ${v.width}w`).join(", "),
      });
    }
    return gallery;
  });
  return { activities, problems, stats: { processed, fromCache: cached } };
}

// ---------- reading back, for tests and the privacy guard ----------

export interface ImageFacts {
  format: string;
  width: number;
  height: number;
  /** Metadata blocks present: none may be in a published photo. */
  exif: boolean;
  xmp: boolean;
  iptc: boolean;
  icc: boolean;
  /** PNG text chunks or other comments. */
  comments: boolean;
  orientation: number | null;
}

/** What an image file says about itself: size, format and which metadata blocks it carries. */
export async function readImageFacts(input: string | Buffer): Promise<ImageFacts> {
  const m = await sharp(input).metadata();
  return {
    format: m.format,
    width: m.width,
    height: m.height,
    exif: m.exif !== undefined,
    xmp: m.xmp !== undefined,
    iptc: m.iptc !== undefined,
    icc: m.icc !== undefined,
    comments: (m.comments?.length ?? 0) > 0 || m.tifftagPhotoshop !== undefined,
    orientation: m.orientation ?? null,
  };
}

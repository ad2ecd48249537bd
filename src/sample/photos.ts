/**
 * Activity photos: small JPEGs of simple coloured shapes (a school building, balloons,
 * figures without faces), carrying the camera EXIF and GPS tags that a phone would write,
 * so that metadata stripping can be tested. Pixels are drawn in code from a seed, so the
 * same seed gives the same bytes.
 */
import sharp from "sharp";
import type { PhotoSpec } from "./activities.ts";
import { Rng } from "./random.ts";

export const PHOTO_WIDTH = 480;
export const PHOTO_HEIGHT = 360;

const CAMERAS: readonly (readonly [string, string])[] = [
  ["HUAWEI", "ELS-AN00"],
  ["Xiaomi", "M2012K11AC"],
  ["OPPO", "PEGM00"],
  ["vivo", "V2049A"],
  ["Canon", "Canon EOS 200D"],
];

type Rgb = readonly [number, number, number];

class Canvas {
  readonly data: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = Buffer.alloc(width * height * 3);
  }
  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.data[i] = c[0];
    this.data[i + 1] = c[1];
    this.data[i + 2] = c[2];
  }
  rect(x0: number, y0: number, w: number, h: number, c: Rgb): void {
    for (let y = Math.max(0, y0); y < Math.min(this.height, y0 + h); y++)
      for (let x = Math.max(0, x0); x < Math.min(this.width, x0 + w); x++) this.set(x, y, c);
  }
  circle(cx: number, cy: number, r: number, c: Rgb): void {
    for (let y = cy - r; y <= cy + r; y++)
      for (let x = cx - r; x <= cx + r; x++)
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) this.set(x, y, c);
  }
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/** Draws the picture of a photo as raw RGB pixels. */
export function drawPhoto(seed: number): Buffer {
  const rng = new Rng(seed);
  const c = new Canvas(PHOTO_WIDTH, PHOTO_HEIGHT);
  const horizon = rng.int(200, 250);
  const skyTop: Rgb = rng.pick([
    [110, 160, 220],
    [150, 190, 230],
    [200, 205, 210],
  ]);
  const ground: Rgb = rng.pick([
    [110, 150, 80],
    [170, 90, 70],
    [150, 150, 150],
  ]);
  for (let y = 0; y < horizon; y++)
    c.rect(0, y, PHOTO_WIDTH, 1, mix(skyTop, [235, 240, 245], y / horizon));
  c.rect(0, horizon, PHOTO_WIDTH, PHOTO_HEIGHT - horizon, ground);
  // School building with a grid of windows.
  const bx = rng.int(20, 200);
  const bw = rng.int(180, 260);
  const bh = rng.int(90, 140);
  c.rect(bx, horizon - bh, bw, bh, [235, 225, 205]);
  c.rect(bx, horizon - bh - 8, bw, 8, [190, 60, 50]);
  for (let wy = horizon - bh + 15; wy < horizon - 25; wy += 30)
    for (let wx = bx + 12; wx < bx + bw - 20; wx += 32) c.rect(wx, wy, 18, 16, [120, 160, 190]);
  // A flag pole and flag.
  c.rect(bx - 30, horizon - bh - 40, 3, bh + 40, [90, 90, 90]);
  c.rect(bx - 27, horizon - bh - 40, 26, 17, [220, 40, 40]);
  // Balloons.
  for (let i = 0; i < rng.int(3, 6); i++) {
    const colour: Rgb = rng.pick([
      [240, 80, 80],
      [250, 200, 60],
      [90, 170, 240],
      [160, 100, 220],
    ]);
    c.circle(rng.int(30, 450), rng.int(30, 120), rng.int(10, 16), colour);
  }
  // Figures: a body and a round head, no features.
  for (let i = 0; i < rng.int(4, 9); i++) {
    const x = rng.int(20, 450);
    const y = rng.int(horizon + 20, PHOTO_HEIGHT - 40);
    const colour: Rgb = rng.pick([
      [40, 90, 170],
      [230, 120, 40],
      [200, 50, 90],
      [60, 150, 100],
    ]);
    c.rect(x - 8, y, 16, 30, colour);
    c.circle(x, y - 8, 8, [235, 200, 170]);
  }
  return c.data;
}

/** Degrees as the EXIF rational triple "d/1 m/1 s/100". */
export function exifDegrees(value: number): string {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.min(5999, Math.round(((abs - d) * 60 - m) * 60 * 100));
  return `${d}/1 ${m}/1 ${s}/100`;
}

/** Encodes one activity photo as a JPEG with camera, time and GPS tags. */
export async function renderPhoto(spec: PhotoSpec): Promise<Buffer> {
  const rng = new Rng(spec.seed).fork("exif");
  const [make, model] = rng.pick(CAMERAS);
  const time = `${String(rng.int(8, 16)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;
  const stamp = `${spec.date.replaceAll("-", ":")} ${time}`;
  return sharp(drawPhoto(spec.seed), {
    raw: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 3 },
  })
    .withExif({
      IFD0: { Make: make, Model: model, DateTime: stamp },
      IFD2: { DateTimeOriginal: stamp, DateTimeDigitized: stamp },
      IFD3: {
        GPSLatitudeRef: spec.lat >= 0 ? "N" : "S",
        GPSLatitude: exifDegrees(spec.lat),
        GPSLongitudeRef: spec.lon >= 0 ? "E" : "W",
        GPSLongitude: exifDegrees(spec.lon),
        GPSAltitude: `${rng.int(400, 900)}/1`,
      },
    })
    .jpeg({ quality: 78 })
    .toBuffer();
}

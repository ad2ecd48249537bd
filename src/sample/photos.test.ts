import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { exifTagIds } from "./exifTags.ts";
import { exifDegrees, PHOTO_HEIGHT, PHOTO_WIDTH, renderPhoto } from "./photos.ts";

const spec = {
  fileName: "20241012-2151270201-01.jpg",
  date: "2024-10-12",
  lat: 31.6234,
  lon: 106.9187,
  seed: 42,
};

describe("renderPhoto", () => {
  it("writes a small JPEG that carries camera EXIF and GPS tags sharp can read back", async () => {
    const jpeg = await renderPhoto(spec);
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([PHOTO_WIDTH, PHOTO_HEIGHT]);
    expect(meta.exif).toBeInstanceOf(Buffer);
    const tags = exifTagIds(meta.exif!);
    expect(tags?.ifd0).toEqual(expect.arrayContaining([0x010f, 0x0110])); // Make, Model
    expect(tags?.exif).toContain(0x9003); // DateTimeOriginal
    expect(tags?.gps).toEqual(expect.arrayContaining([1, 2, 3, 4])); // lat/long and refs
    expect(meta.exif!.toString("latin1")).toContain("2024:10:12 ");
    expect(jpeg.length).toBeLessThan(40 * 1024);
  });

  it("gives the same bytes for the same seed and different ones for another", async () => {
    const a = await renderPhoto(spec);
    expect((await renderPhoto(spec)).equals(a)).toBe(true);
    expect((await renderPhoto({ ...spec, seed: 43 })).equals(a)).toBe(false);
  });

  it("loses the tags when sharp re-encodes without keeping metadata", async () => {
    const stripped = await sharp(await renderPhoto(spec))
      .jpeg()
      .toBuffer();
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
  });
});

describe("exifDegrees", () => {
  it("writes degrees, minutes and hundredths of seconds as EXIF rationals", () => {
    expect(exifDegrees(31.5)).toBe("31/1 30/1 0/100");
    expect(exifDegrees(106.91)).toBe("106/1 54/1 3600/100");
  });
});

describe("exifTagIds", () => {
  it("returns null for a block that is not EXIF", () => {
    expect(exifTagIds(Buffer.from("not exif at all"))).toBeNull();
  });
});

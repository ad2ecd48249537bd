/**
 * A minimal EXIF reader: which tags each IFD holds. Enough to prove that a photo carries
 * camera and GPS metadata (and, later, that publishing stripped it).
 */

export interface ExifTagIds {
  /** Tags of IFD0 (Make 0x010f, Model 0x0110 …). */
  readonly ifd0: number[];
  /** Tags of the Exif sub-IFD (DateTimeOriginal 0x9003 …). */
  readonly exif: number[];
  /** Tags of the GPS sub-IFD (GPSLatitude 0x0002, GPSLongitude 0x0004 …). */
  readonly gps: number[];
}

/**
 * Lists the tag ids of an EXIF block as returned by sharp's `metadata().exif` (starting
 * with "Exif\0\0" and a TIFF header). Returns null if the block is not EXIF.
 */
export function exifTagIds(block: Buffer): ExifTagIds | null {
  const start = block.subarray(0, 6).toString("latin1") === "Exif\0\0" ? 6 : 0;
  const tiff = block.subarray(start);
  if (tiff.length < 8) return null;
  const order = tiff.subarray(0, 2).toString("latin1");
  if (order !== "II" && order !== "MM") return null;
  const le = order === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));

  const entries = (offset: number): { tag: number; value: number }[] => {
    if (offset <= 0 || offset + 2 > tiff.length) return [];
    const count = u16(offset);
    const out: { tag: number; value: number }[] = [];
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      if (at + 12 > tiff.length) break;
      out.push({ tag: u16(at), value: u32(at + 8) });
    }
    return out;
  };

  const ifd0 = entries(u32(4));
  const pointer = (tag: number) => ifd0.find((e) => e.tag === tag)?.value ?? 0;
  return {
    ifd0: ifd0.map((e) => e.tag),
    exif: entries(pointer(0x8769)).map((e) => e.tag),
    gps: entries(pointer(0x8825)).map((e) => e.tag),
  };
}

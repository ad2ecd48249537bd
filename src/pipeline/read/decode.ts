/**
 * Streaming text decoding with encoding detection (data contract §2): a BOM first, then
 * strict UTF-8, else GB18030. Nothing is guessed silently: bytes that do not decode, or a
 * decoded U+FFFD, stop the file with a reason.
 */

export type Encoding = "utf-8" | "utf-8-bom" | "gb18030" | "ascii";

/** Why a file cannot be decoded as text. */
export interface DecodeFailure {
  kind: "binary" | "encoding";
  /** Plain-Chinese detail for the problem message. */
  reason: string;
}

const SIGNATURES: ReadonlyArray<[readonly number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], "看起来是 Excel 工作簿（.xlsx）或压缩文件"],
  [[0xd0, 0xcf, 0x11, 0xe0], "看起来是旧版 Excel 工作簿（.xls）"],
  [[0x25, 0x50, 0x44, 0x46], "看起来是 PDF 文件"],
  [[0x89, 0x50, 0x4e, 0x47], "看起来是图片"],
  [[0xff, 0xd8, 0xff], "看起来是图片"],
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b);
}

/**
 * Non-ASCII bytes looked at before deciding the encoding. A few GB18030 characters can
 * happen to be valid UTF-8; a few hundred bytes of Chinese text cannot.
 */
const DECIDE_BYTES = 1024;

/** Decodes text known to be ASCII (any single-byte decoder gives the same characters). */
const ASCII = new TextDecoder("latin1");

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Index of the first byte ≥ 0x80, or -1. */
function firstNonAscii(bytes: Uint8Array, from = 0): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/**
 * Decodes a file chunk by chunk. Call `push` for each chunk and `end` once; both return the
 * decoded text, or throw `DecodeError` when the file is not text in an accepted encoding.
 */
export class StreamDecoder {
  encoding: Encoding | null = null;
  private decoder: TextDecoder | null = null;
  private first = true;
  /** Undecided bytes: non-ASCII text seen, too little yet to tell UTF-8 from GB18030. */
  private pending: Uint8Array | null = null;
  /** Bytes decoded so far, to point at where decoding failed. */
  private offset = 0;

  push(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.first) {
      this.first = false;
      bytes = this.sniff(bytes);
    }
    const text = this.decode(bytes, true);
    this.offset += chunk.length;
    return text;
  }

  end(): string {
    if (this.pending) {
      const bytes = this.pending;
      this.pending = null;
      this.decide(bytes, firstNonAscii(bytes));
      return this.decode(bytes, false);
    }
    if (!this.decoder) return "";
    return this.decode(new Uint8Array(0), false);
  }

  private sniff(bytes: Uint8Array): Uint8Array {
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
      this.use("utf-8-bom");
      return bytes.subarray(3);
    }
    if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
      throw new DecodeError({
        kind: "encoding",
        reason: "文件是 UTF-16 编码（Excel 的“Unicode 文本”），不是 CSV",
      });
    }
    for (const [sig, reason] of SIGNATURES) {
      if (startsWith(bytes, sig)) throw new DecodeError({ kind: "binary", reason });
    }
    return bytes;
  }

  private use(encoding: Encoding): void {
    this.encoding = encoding;
    const label = encoding === "gb18030" ? "gb18030" : "utf-8";
    this.decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  }

  /** Decides between UTF-8 and GB18030 at the first non-ASCII byte. */
  private decide(bytes: Uint8Array, at: number): void {
    const probe = new TextDecoder("utf-8", { fatal: true });
    try {
      probe.decode(bytes.subarray(at), { stream: true });
      this.use("utf-8");
    } catch {
      this.use("gb18030");
    }
  }

  private decode(chunk: Uint8Array, stream: boolean): string {
    if (chunk.includes(0)) {
      throw new DecodeError({ kind: "binary", reason: "文件中含有空字节（NUL）" });
    }
    let bytes = chunk;
    if (!this.decoder) {
      if (this.pending) bytes = concat(this.pending, chunk);
      const at = firstNonAscii(bytes);
      if (at < 0) {
        // Pure ASCII decodes the same in every accepted encoding: no decision needed yet.
        if (bytes.length > 0) this.encoding = "ascii";
        return ASCII.decode(bytes);
      }
      if (bytes.length - at < DECIDE_BYTES && stream) {
        // Too few non-ASCII bytes to tell the encodings apart: wait for more.
        this.pending = bytes;
        return "";
      }
      this.pending = null;
      this.decide(bytes, at);
    }
    let text: string;
    try {
      text = this.decoder!.decode(bytes, { stream });
    } catch {
      throw new DecodeError({
        kind: "encoding",
        reason: `按 ${this.encoding === "gb18030" ? "GB18030" : "UTF-8"} 解码时，在第 ${this.offset + 1} 字节附近遇到无效字节，文件可能混用了多种编码`,
      });
    }
    if (text.includes("\uFFFD")) {
      throw new DecodeError({
        kind: "encoding",
        reason: "解码后出现替换字符“\uFFFD”，原文件中已有乱码",
      });
    }
    return text;
  }
}

export class DecodeError extends Error {
  override name = "DecodeError";
  constructor(readonly failure: DecodeFailure) {
    super(failure.reason);
  }
}

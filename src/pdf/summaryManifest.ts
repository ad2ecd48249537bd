/**
 * `downloads/summaries.json`, written by the build: which summary pages there are, where
 * their PDFs and each year's zip go, and the page slots that link to them. The contract
 * between `npm run build` and `npm run pdf` (docs/pdf.md).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/** Where the build writes the manifest, relative to the site folder. */
export const MANIFEST_PATH = "downloads/summaries.json";

/**
 * A path inside the site folder: relative, forward slashes, never leaving the folder (a
 * page's path ends with a slash).
 */
const sitePath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      !p.startsWith("/") &&
      !p.includes("\\") &&
      !p
        .replace(/\/$/, "")
        .split("/")
        .some((part) => part === ".." || part === "." || part === ""),
    "应为网站文件夹内的相对路径",
  );

/** A slot name, put verbatim into `data-pdf-slot="…"`. */
const slot = z.string().regex(/^[^"<>&\s]+$/, "不能含引号、尖括号、& 或空白");

const summarySchema = z.object({
  /** The unit's id ("region", a township's or a school's id). */
  unit: z.string().min(1),
  unitName: z.string().min(1),
  /** 3 region, 2 township, 1 school (as the build numbers them). */
  level: z.number().int(),
  /** The page, served as `<basePath><page>` (a folder with index.html). */
  page: sitePath.refine((p) => p.endsWith("/"), "应以“/”结尾"),
  pdf: sitePath.refine((p) => p.endsWith(".pdf"), "应以“.pdf”结尾"),
  slot,
});

const yearSchema = z.object({
  year: z.string().regex(/^\d{4}-\d{4}$/, "应为“2024-2025”格式"),
  /** The region's summary first. */
  summaries: z.array(summarySchema).min(1),
  bundle: z.object({
    zip: sitePath.refine((p) => p.endsWith(".zip"), "应以“.zip”结尾"),
    slot,
    /** The published tables (and their description) that go into the zip. */
    files: z.array(sitePath),
  }),
});

export const summaryManifestSchema = z.object({
  format: z.literal(1),
  basePath: z.string().regex(/^\/(?:[^/\s]+\/)*$/, "应以“/”开头和结尾"),
  title: z.string().min(1),
  publisher: z.string().min(1),
  /** Oldest first. */
  years: z.array(yearSchema),
});

export type SummaryManifest = z.infer<typeof summaryManifestSchema>;
export type YearSummaries = SummaryManifest["years"][number];
export type Summary = YearSummaries["summaries"][number];

/** A manifest that exists but cannot be used; the message is for the person running the tool. */
export class ManifestError extends Error {
  override name = "ManifestError";
}

/**
 * Reads and checks a site's manifest. Returns null when the site has none (not built, or
 * built by a version without PDFs); throws a `ManifestError` when it is unreadable.
 */
export async function readSummaryManifest(siteDir: string): Promise<SummaryManifest | null> {
  const file = path.join(siteDir, ...MANIFEST_PATH.split("/"));
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ManifestError(`无法读取 ${MANIFEST_PATH}：${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ManifestError(`${MANIFEST_PATH} 不是有效的 JSON，请重新运行 npm run build。`);
  }
  const parsed = summaryManifestSchema.safeParse(json, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join(".") || "(根)";
    throw new ManifestError(
      `${MANIFEST_PATH} 的格式不对（${where}：${issue.message}），请用同一版本的工具重新运行 npm run build。`,
    );
  }
  const pdfs = new Set<string>();
  for (const y of parsed.data.years) {
    if (y.summaries[0]!.unit !== "region") {
      throw new ManifestError(
        `${MANIFEST_PATH} 中 ${y.year} 学年的第一份摘要应是全县（region）的。`,
      );
    }
    for (const s of y.summaries) {
      if (pdfs.has(s.pdf)) throw new ManifestError(`${MANIFEST_PATH} 中 ${s.pdf} 出现了两次。`);
      pdfs.add(s.pdf);
    }
  }
  return parsed.data;
}

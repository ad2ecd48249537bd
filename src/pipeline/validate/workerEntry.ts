/**
 * Where worker threads load their code from. Running from TypeScript sources, a worker would
 * spend ~0.4 s compiling its modules through tsx; instead the worker is bundled once with
 * esbuild into one ES module, cached under node_modules/.cache by a hash of the sources, so
 * later runs start a worker in a few tens of milliseconds. If bundling is not possible the
 * worker falls back to loading the sources through tsx (workerBoot.mjs).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface WorkerEntry {
  /** Module to start the worker with. */
  url: URL;
  /** workerData for it. */
  data: Record<string, string>;
  /** Plain JavaScript that needs no loader. */
  bundled: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCE_DIRS = [here, path.join(here, "..", "read"), path.join(here, "..")];

async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of SOURCE_DIRS) {
    for (const name of (await readdir(dir)).sort()) {
      if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
      hash.update(name).update(await readFile(path.join(dir, name)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

function cacheDir(): string {
  return path.join(here, "..", "..", "..", "node_modules", ".cache", "lsrt");
}

let cached: Promise<WorkerEntry> | null = null;

/** The entry for the roster worker (bundled when possible). */
export function rosterWorkerEntry(): Promise<WorkerEntry> {
  cached ??= resolveEntry();
  return cached;
}

async function resolveEntry(): Promise<WorkerEntry> {
  const source = path.join(here, "rosterWorker.ts");
  const fallback: WorkerEntry = {
    url: new URL("./workerBoot.mjs", import.meta.url),
    data: { entry: pathToFileURL(source).href },
    bundled: false,
  };
  if (!import.meta.url.endsWith(".ts")) {
    return { url: new URL("./rosterWorker.js", import.meta.url), data: {}, bundled: true };
  }
  try {
    const out = path.join(cacheDir(), `rosterWorker-${await sourceHash()}.mjs`);
    if (!existsSync(out)) {
      const { build } = await import("esbuild");
      await mkdir(cacheDir(), { recursive: true });
      const tmp = `${out}.${process.pid}.tmp`;
      await build({
        entryPoints: [source],
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        outfile: tmp,
        logLevel: "silent",
        banner: { js: "// Generated from src/pipeline/validate/rosterWorker.ts; do not edit." },
      });
      await rename(tmp, out);
    }
    return { url: pathToFileURL(out), data: {}, bundled: true };
  } catch {
    return fallback;
  }
}

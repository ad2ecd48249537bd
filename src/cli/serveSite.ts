/**
 * A static server for a built site, on 127.0.0.1 and an ephemeral port, serving the folder
 * under the site's base path only (as the web server of a government portal would): anything
 * outside the base path is a 404. Used to print the summaries to PDF and by the browser tests.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
};

export interface SiteServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  origin: string;
  /** The address of a path of the site (relative to the base path, e.g. `2024-2025/`). */
  url(sitePath: string): string;
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}

/**
 * Serves `dir` under `basePath` (`/`, or `/zwgk/lsrt/` with slashes at both ends). A path
 * ending in `/` serves the folder's index.html.
 */
export function serveSite(dir: string, basePath: string): Promise<SiteServer> {
  const root = path.resolve(dir);
  const base = basePath.endsWith("/") ? basePath : `${basePath}/`;
  const server = createServer(async (req, res) => {
    let url: string;
    try {
      url = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    if (!url.startsWith(base)) return void res.writeHead(404).end();
    let file = path.join(root, url.slice(base.length));
    const rel = path.relative(root, file);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return void res.writeHead(403).end();
    if (url.endsWith("/")) file = path.join(file, "index.html");
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({
        origin,
        url: (sitePath) => `${origin}${base}${sitePath.replace(/^\/+/, "")}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

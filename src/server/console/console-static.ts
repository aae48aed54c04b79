// The console's built files (`npm run build:console` writes them to dist/console/): hashed assets with
// year-long caching, index.html (for every route of the single-page app) never cached, all under a
// strict Content-Security-Policy — no inline script or style, nothing from another origin.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built console, at the repository's (or package's) root whether run from src/ or dist/. */
const ROOT = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

async function fileAt(relative: string): Promise<Buffer | undefined> {
  const full = normalize(ROOT + relative);
  if (!full.startsWith(ROOT) || full.includes(`${sep}..${sep}`)) return undefined;
  try {
    return await readFile(full);
  } catch {
    return undefined;
  }
}

/** Answers GET /console/…: an asset, or the app's index.html; returns what the request log shows. */
export async function serveConsoleFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<string> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 }).end();
    return 'console-file';
  }
  if (path === '/console') {
    res.writeHead(301, { location: '/console/', 'content-length': 0 }).end();
    return 'console-file';
  }
  const relative = decodeURIComponent(path.slice('/console/'.length));
  const asset = relative.startsWith('assets/') ? await fileAt(relative) : undefined;
  if (asset) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': asset.length,
    });
    res.end(req.method === 'HEAD' ? undefined : asset);
    return 'console-file';
  }
  if (relative.startsWith('assets/')) {
    res.writeHead(404, { 'content-length': 0 }).end();
    return 'console-file';
  }
  const index = await fileAt('index.html');
  const body =
    index ??
    Buffer.from(
      "<!doctype html><title>Tessera console</title><p>The console's pages are not built here; its API answers under <code>/console/api/</code> (docs/console-api.md).</p>",
    );
  res.writeHead(index ? 200 : 503, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-length': body.length,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return 'console-page';
}

/**
 * Search in `npm run dev`: serves `/pagefind/` from the last build's output
 * (Pagefind's index is made by `npm run build`, not by the dev server). If
 * there is none, the search page says a build is needed.
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export function lastBuildSearchMiddleware(outDir: string) {
  const root = path.join(outDir, 'pagefind');
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = req.url ? new URL(req.url, 'http://dev').pathname : '';
    if (!url.startsWith('/pagefind/')) return next();
    const file = path.resolve(root, decodeURIComponent(url.slice('/pagefind/'.length)));
    if (!file.startsWith(root + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.statusCode = 404;
      res.end('No search index: run npm run build once; npm run dev then searches the last build.');
      return;
    }
    res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  };
}

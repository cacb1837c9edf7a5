/**
 * Dev-server middleware that serves page images, thumbnails and downloads
 * straight from the derivative cache, so `npm run dev` shows documents
 * without copying anything and without processing what the build already
 * processed.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PipelineResult } from '../pipeline/run.ts';
import { derivativeFiles } from '../build/derivative-files.ts';

const TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

export function derivativesMiddleware(getPipeline: () => PipelineResult | undefined) {
  let index: Map<string, string> | undefined;
  let indexedFor: PipelineResult | undefined;
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const pipeline = getPipeline();
    if (!pipeline || !req.url) return next();
    if (indexedFor !== pipeline) {
      index = new Map(derivativeFiles(pipeline).map((f) => [f.sitePath, f.source]));
      indexedFor = pipeline;
    }
    let sitePath: string;
    try {
      sitePath = decodeURIComponent(new URL(req.url, 'http://dev').pathname).replace(/^\/+/, '');
    } catch {
      return next();
    }
    const source = index!.get(sitePath);
    if (!source) return next();
    res.setHeader('Content-Type', TYPES[path.extname(source).toLowerCase()] ?? 'application/octet-stream');
    createReadStream(source)
      .on('error', () => {
        res.statusCode = 404;
        res.end();
      })
      .pipe(res);
  };
}

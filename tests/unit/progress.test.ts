/** Progress lines: counts, rate and time left, and the pages of long documents in progress. */
import { describe, expect, it } from 'vitest';
import { pageProgress } from '../../src/pipeline/documents/process-documents.ts';
import { Progress } from '../../src/pipeline/stats/progress.ts';

function recorder() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
  return { lines, stream };
}

describe('Progress', () => {
  it('prints plain lines with count, rate, the detail and the time left it is given', () => {
    const { lines, stream } = recorder();
    const progress = new Progress({ label: 'processing documents', total: 4, unit: 'docs', stream, interactive: false, intervalMs: 0 });
    progress.tick();
    expect(lines.at(-1)).toMatch(/^processing documents: 1\/4 docs \(25%\), [\d.]+ docs\/s, .+ left\n$/);
    progress.note('120 pages (6.0/s)', 90);
    expect(lines.at(-1)).toMatch(/^processing documents: 1\/4 docs \(25%\), [\d.]+ docs\/s, 120 pages \(6\.0\/s\), 1 min 30 s left\n$/);
  });
});

describe('pageProgress', () => {
  it('counts pages of the documents in progress, and times what is left once all of them have said their page count', async () => {
    const { lines, stream } = recorder();
    const progress = new Progress({ label: 'processing documents', total: 2, unit: 'docs', stream, interactive: false, intervalMs: 0 });
    const pages = pageProgress(progress, 2, performance.now() - 1000);
    pages.update('a', 10, 2000);
    // One of two documents has reported: the time left is not known from pages yet.
    expect(lines.at(-1)).toMatch(/0\/2 docs .*, 10 pages \([\d.]+\/s\), \? left/);
    pages.update('b', 5, 40);
    expect(lines.at(-1)).toMatch(/, 15 pages \([\d.]+\/s\), \d+ (s|min \d+ s) left/);
    pages.update('b', 40, 40);
    pages.end('b');
    progress.tick();
    pages.update('a', 20, 2000);
    expect(lines.at(-1)).toMatch(/1\/2 docs .*, 60 pages \([\d.]+\/s\), \d+ (s|min \d+ s) left/);
  });

  it('counts the page rate from the first page done, so start-up does not make the time left too long', () => {
    const { lines, stream } = recorder();
    const progress = new Progress({ label: 'processing documents', total: 1, unit: 'docs', stream, interactive: false, intervalMs: 0 });
    let now = 0;
    const pages = pageProgress(progress, 1, 0, () => now);
    // Ten seconds of start-up, then a page every 100 ms.
    now = 10_000;
    pages.update('long', 1, 1001);
    now = 20_000;
    pages.update('long', 101, 1001);
    expect(lines.at(-1)).toMatch(/, 101 pages \(10\.0\/s\), 1 min 30 s left\n$/);
  });

  it('counts the pages read by OCR and their rate, beside the pages and the time left', () => {
    const { lines, stream } = recorder();
    const progress = new Progress({ label: 'processing documents', total: 1, unit: 'docs', stream, interactive: false, intervalMs: 0 });
    let now = 0;
    const pages = pageProgress(progress, 1, 0, () => now);
    now = 2_000;
    pages.update('scans', 2, 20, 2);
    now = 10_000;
    pages.update('scans', 10, 20, 8);
    expect(lines.at(-1)).toMatch(/, 10 pages \(1\.0\/s\), 8 read by OCR \(0\.8\/s\), 10 s left\n$/);
  });
});

/**
 * Peak memory of this process's child processes (Pagefind's indexer runs as
 * one), read from Linux's /proc while they are still alive: `maxRSS` of
 * `process.resourceUsage()` covers this process and its worker threads, not
 * children. Elsewhere, or when /proc cannot be read, the answer is undefined.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Sum of the peak resident memory (VmHWM) of this process's live children, in MB. */
export function childrenPeakRssMb(parentPid = process.pid): number | undefined {
  try {
    let kb = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue;
      }
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== parentPid) continue;
      kb += Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    }
    return Math.round(kb / 1024);
  } catch {
    return undefined;
  }
}

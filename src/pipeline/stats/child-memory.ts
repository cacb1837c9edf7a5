/**
 * Memory of this process and its descendants (Astro's build and Pagefind's
 * indexer run as child processes), read from Linux's /proc: `maxRSS` of `process.resourceUsage()`
 * covers this process and its worker threads, not children. Elsewhere, or
 * when /proc cannot be read, the answers are undefined.
 */
import { readdirSync, readFileSync } from 'node:fs';

function field(status: string, name: string): number {
  return Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
}

/** The /proc status of every live descendant of a process (children, their children, ...). */
function childrenStatus(parentPid: number): string[] {
  const byParent = new Map<number, { pid: number; status: string }[]>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const siblings = byParent.get(ppid) ?? [];
      siblings.push({ pid: Number(pid), status });
      byParent.set(ppid, siblings);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: string[] = [];
  const queue = [parentPid];
  while (queue.length > 0) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      out.push(child.status);
      queue.push(child.pid);
    }
  }
  return out;
}

/** Sum of the peak resident memory (VmHWM) of this process's live descendants, in MB. */
export function childrenPeakRssMb(parentPid = process.pid): number | undefined {
  try {
    return Math.round(childrenStatus(parentPid).reduce((kb, s) => kb + field(s, 'VmHWM'), 0) / 1024);
  } catch {
    return undefined;
  }
}

/** Resident memory now of this process and its descendants together, in MB. */
export function treeRssMb(): number | undefined {
  try {
    const own = field(readFileSync('/proc/self/status', 'utf8'), 'VmRSS');
    return Math.round((own + childrenStatus(process.pid).reduce((kb, s) => kb + field(s, 'VmRSS'), 0)) / 1024);
  } catch {
    return undefined;
  }
}

/**
 * Samples `treeRssMb()` every `intervalMs` until stopped, and keeps the
 * highest: the most memory the build (with Pagefind) held at one moment.
 * Peaks shorter than the interval can be missed; the figure is a floor.
 */
export function sampleTreeMemory(intervalMs = 250): { stop(): number | undefined } {
  let peak: number | undefined;
  const sample = () => {
    const now = treeRssMb();
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

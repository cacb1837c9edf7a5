/**
 * Progress of a long step: on a terminal, one line redrawn in place with
 * count, rate and time left; elsewhere (CI, logs), a plain line at most every
 * `intervalMs` and at the end, so logs stay short and line-oriented.
 */

export interface ProgressOptions {
  label: string;
  total: number;
  unit?: string;
  stream?: NodeJS.WriteStream;
  interactive?: boolean;
  intervalMs?: number;
}

export class Progress {
  private done = 0;
  private detail = '';
  private leftOverride: number | undefined;
  private readonly started = Date.now();
  private lastPrinted = Date.now();
  private readonly interactive: boolean;
  private readonly stream: NodeJS.WriteStream;
  private readonly options: Required<Omit<ProgressOptions, 'stream' | 'interactive'>>;

  constructor(options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.interactive = options.interactive ?? (Boolean(this.stream.isTTY) && !process.env.CI);
    this.options = { unit: 'items', intervalMs: this.interactive ? 100 : 10_000, ...options };
  }

  tick(n = 1): void {
    this.done += n;
    const now = Date.now();
    if (this.done < this.options.total && now - this.lastPrinted < this.options.intervalMs) return;
    this.lastPrinted = now;
    this.print();
  }

  /**
   * Figures of the work inside the items (pages of the documents in progress,
   * say), shown after the count, with a better time left when the caller
   * knows one; printed at the usual pace.
   */
  note(detail: string, leftSeconds?: number): void {
    this.detail = detail;
    this.leftOverride = leftSeconds;
    this.tick(0);
  }

  finish(): void {
    if (this.options.total === 0) return;
    if (this.interactive) this.stream.write('\n');
  }

  line(): string {
    const { label, total, unit } = this.options;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const left = this.leftOverride ?? (rate > 0 ? (total - this.done) / rate : Number.NaN);
    const pct = total > 0 ? Math.floor((this.done / total) * 100) : 100;
    const detail = this.detail ? `, ${this.detail}` : '';
    return `${label}: ${this.done}/${total} ${unit} (${pct}%), ${rate.toFixed(1)} ${unit}/s${detail}, ${formatDuration(left)} left`;
  }

  private print(): void {
    if (this.interactive) {
      const width = 24;
      const filled = Math.round((this.done / Math.max(1, this.options.total)) * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.line()}\x1b[K`);
    } else {
      this.stream.write(`${this.line()}\n`);
    }
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

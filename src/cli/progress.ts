/**
 * Progress for long work: on a terminal, one line redrawn in place (stage, file, rows per
 * second, time left); elsewhere (CI, logs) plain lines, one per finished file, and one every
 * few seconds for a large file. `StepProgress` does the same for a count of items.
 */
import type { ProgressEvent } from "../pipeline/validate/validateYear.ts";

export interface ProgressOptions {
  stage: string;
  stream?: NodeJS.WriteStream;
  /** Injected clock, for tests. */
  now?: () => number;
}

const fmt = new Intl.NumberFormat("zh-CN");

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 1) return "不到 1 秒";
  if (seconds < 60) return `${Math.round(seconds)} 秒`;
  return `${Math.floor(seconds / 60)} 分 ${Math.round(seconds % 60)} 秒`;
}

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly start: number;
  private doneBytes = 0;
  private doneRows = 0;
  private doneFiles = 0;
  private lastDraw = 0;
  private lastLog = 0;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.now = opts.now ?? (() => performance.now());
    this.start = this.now();
    this.lastLog = this.start;
  }

  /** Consumes one event from the validate stage. */
  update = (e: ProgressEvent): void => {
    const t = this.now();
    const bytes = this.doneBytes + e.bytes;
    const rows = this.doneRows + e.rows;
    const elapsed = (t - this.start) / 1000;
    const rate = elapsed > 0 ? rows / elapsed : 0;
    const left = bytes > 0 && e.totalBytes > bytes ? (elapsed * (e.totalBytes - bytes)) / bytes : 0;
    const fileNo = Math.min(this.doneFiles + 1, e.totalFiles);
    if (e.done) {
      this.doneBytes += e.bytes;
      this.doneRows += e.rows;
      this.doneFiles++;
    }
    if (this.tty) {
      if (!e.done && t - this.lastDraw < 100) return;
      this.lastDraw = t;
      const line =
        `[${this.opts.stage}] 文件 ${fileNo}/${e.totalFiles}  ${e.file}  ` +
        `${fmt.format(rows)} 行  ${fmt.format(Math.round(rate))} 行/秒  剩余约 ${duration(left)}`;
      this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 120) - 1)}`);
    } else if (e.done || t - this.lastLog >= 5000) {
      this.lastLog = t;
      this.stream.write(
        `[${this.opts.stage}] ${e.done ? "完成" : "读取中"} ${e.file}：${fmt.format(e.rows)} 行` +
          `（共 ${fmt.format(rows)} 行，${fmt.format(Math.round(rate))} 行/秒，剩余约 ${duration(left)}）\n`,
      );
    }
  };

  /** Ends the progress display; returns the elapsed seconds. */
  finish(): number {
    if (this.tty) this.stream.write("\r\x1b[2K");
    return (this.now() - this.start) / 1000;
  }

  get rows(): number {
    return this.doneRows;
  }
}

export interface StepProgressOptions {
  stage: string;
  /** How many items there are. */
  total: number;
  stream?: NodeJS.WriteStream;
  /** Injected clock, for tests. */
  now?: () => number;
}

/**
 * Progress over a known number of items of similar cost (PDFs to print): on a terminal, one
 * line redrawn in place (stage, items done/total, the item in hand, time left); elsewhere one
 * plain line per finished item.
 */
export class StepProgress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly start: number;
  private done = 0;

  constructor(private readonly opts: StepProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.now = opts.now ?? (() => performance.now());
    this.start = this.now();
  }

  private left(): string {
    const elapsed = (this.now() - this.start) / 1000;
    if (this.done === 0) return "剩余时间估算中";
    return `剩余约 ${duration((elapsed / this.done) * (this.opts.total - this.done))}`;
  }

  /** Shows the item now in hand (on a terminal only). */
  begin = (label: string): void => {
    if (!this.tty) return;
    const line = `[${this.opts.stage}] ${this.done}/${this.opts.total}  正在处理 ${label}  ${this.left()}`;
    this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 120) - 1)}`);
  };

  /** Records one finished item. */
  step = (label: string): void => {
    this.done++;
    const counts = `${this.done}/${this.opts.total}`;
    if (this.tty) {
      const line = `[${this.opts.stage}] ${counts}  已完成 ${label}  ${this.left()}`;
      this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 120) - 1)}`);
    } else {
      this.stream.write(`[${this.opts.stage}] ${counts} 已完成 ${label}（${this.left()}）\n`);
    }
  };

  /** Ends the progress display; returns the elapsed seconds. */
  finish(): number {
    if (this.tty) this.stream.write("\r\x1b[2K");
    return (this.now() - this.start) / 1000;
  }
}

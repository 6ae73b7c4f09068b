import { Presets, SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';
import { describeStatus, formatCount, type JobState } from './job-state.ts';

/** Where the CLI shows what it does: a stream of its own (stderr), so stdout carries only the summary. */
export interface ProgressView {
  /** A line of its own, kept above the bar. */
  note(text: string): void;
  /** The upload of `total` IDs begins. */
  uploadStarted(total: number): void;
  uploaded(count: number): void;
  /** The job's latest state: the bar moves, and a status change gets a line of its own. */
  job(state: JobState): void;
  /** Leaves the bar where it is and the cursor on a fresh line. */
  stop(): void;
}

/** An output stream that may be a terminal. */
export type OutputStream = Writable & { isTTY?: boolean };

interface Counts { processed: number; requested: number; deleted: number; notFound: number; failed: number; status: string }

function countsOf(job: JobState, now: number): Counts {
  const p = job.progress;
  return { processed: p.processedCount, requested: p.requestedCount, deleted: p.deletedCount, notFound: p.notFoundCount, failed: p.failedCount, status: describeStatus(job, now) };
}

function jobLine(c: Counts): string {
  return `${formatCount(c.processed)}/${formatCount(c.requested)} processed | deleted ${formatCount(c.deleted)} | not found ${formatCount(c.notFound)} | failed ${formatCount(c.failed)} | ${c.status}`;
}

/**
 * In a terminal, a live bar drawn by cli-progress (one line, redrawn in place, notes printed
 * above it). Anywhere else (a log file, CI, a pipe), one plain line per change and at most one a
 * second: a bar redrawn on a timer would fill a log with copies while a job waits hours for a
 * quota. `now` is the clock PAUSED countdowns are read against.
 */
export function createProgressView(stream: OutputStream, now: () => number = Date.now, lineIntervalMs = 1_000): ProgressView {
  return stream.isTTY === true ? createBarView(stream, now) : createLineView(stream, now, lineIntervalMs);
}

function createBarView(stream: OutputStream, now: () => number): ProgressView {
  let bar: SingleBar | null = null;
  let showing: 'upload' | 'job' | null = null;
  let lastStatus: string | null = null;
  const open = (format: string, total: number, payload: Record<string, string>): SingleBar => {
    bar?.stop();
    // gracefulExit off: Ctrl-C is the CLI's to handle (stop watching, say how to resume).
    const created = new SingleBar({ stream, format, hideCursor: true, gracefulExit: false, barsize: 30, etaBuffer: 50, fps: 5 }, Presets.shades_classic);
    created.start(total, 0, payload);
    return created;
  };
  const note = (text: string): void => {
    // Clear the bar's line, print the note, and let the bar draw again below it.
    stream.write(`\r\u001b[K${text}\n`);
    if (bar !== null) bar.render();
  };
  return {
    note,
    uploadStarted(total) {
      bar = open('Uploading  {bar} {percentage}% | {value}/{total} IDs | {eta_formatted} left', total, {});
      showing = 'upload';
    },
    uploaded(count) {
      bar?.update(count);
    },
    job(state) {
      const c = countsOf(state, now());
      if (bar === null || showing !== 'job') {
        bar = open('Deleting   {bar} {percentage}% | {line}', Math.max(c.requested, 1), { line: jobLine(c) });
        showing = 'job';
      }
      if (lastStatus !== state.status) {
        note(`Job ${state.id}: ${c.status}`);
        lastStatus = state.status;
      }
      bar.setTotal(Math.max(c.requested, 1));
      bar.update(c.processed, { line: jobLine(c) });
    },
    stop() {
      bar?.stop();
      bar = null;
      showing = null;
    },
  };
}

function createLineView(stream: OutputStream, now: () => number, intervalMs: number): ProgressView {
  let lastStatus: string | null = null;
  let lastLine = '';
  let lastAt = -Infinity;
  let pending: string | null = null;
  let uploadTotal = 0;
  const write = (line: string): void => {
    stream.write(`${line}\n`);
    lastLine = line;
    lastAt = now();
    pending = null;
  };
  // A note or a status line goes out at once, after any progress line still held back; it does
  // not count against the progress lines' interval.
  const flush = (): void => {
    if (pending !== null) write(pending);
  };
  const throttled = (line: string): void => {
    if (line === lastLine) {
      pending = null;
      return;
    }
    if (now() - lastAt >= intervalMs) write(line);
    else pending = line;
  };
  return {
    note(text) {
      flush();
      stream.write(`${text}\n`);
    },
    uploadStarted(total) {
      uploadTotal = total;
      write(`Uploading ${formatCount(total)} IDs`);
    },
    uploaded(count) {
      throttled(`Uploaded ${formatCount(count)}/${formatCount(uploadTotal)} IDs`);
    },
    job(state) {
      const c = countsOf(state, now());
      if (lastStatus !== state.status) {
        lastStatus = state.status;
        flush();
        stream.write(`Job ${state.id}: ${c.status}\n`);
      }
      throttled(`Progress ${jobLine(c)}`);
    },
    stop() {
      flush();
    },
  };
}

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressView } from '../../../src/cli/progress.ts';
import type { JobState } from '../../../src/cli/job-state.ts';

// What an operator sees: in a terminal the cli-progress bar (drawn with cursor moves), in a
// log one plain line per change. The streams here record what was written.

function recorder(isTTY: boolean): Writable & { isTTY: boolean; columns: number; text(): string; cursorTo(): boolean; clearLine(): boolean; moveCursor(): boolean; clearScreenDown(): boolean } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; text(): string; cursorTo(): boolean; clearLine(): boolean; moveCursor(): boolean; clearScreenDown(): boolean };
  Object.assign(stream, { isTTY, columns: 200, text: () => text, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, clearScreenDown: () => true });
  return stream;
}

function job(status: JobState['status'], processed: number, resumesAt: string | null = null): JobState {
  return {
    id: 'job-1', target: 'DEALS', status, dryRun: false, createdAt: '2026-12-05T10:00:00.000Z', startedAt: null, finishedAt: null, resumesAt,
    progress: { requestedCount: 1000, processedCount: processed, deletedCount: processed, notFoundCount: 0, failedCount: 0 },
    result: null,
  };
}

describe('the progress view', () => {
  it('in a log, writes a line per status and at most one progress line per interval', () => {
    const stream = recorder(false);
    let now = Date.parse('2026-12-05T10:00:00.000Z');
    const view = createProgressView(stream, () => now, 1_000);
    view.job(job('RUNNING', 0));
    view.job(job('RUNNING', 100));
    view.job(job('RUNNING', 200));
    now += 1_000;
    view.job(job('RUNNING', 300));
    view.job(job('PAUSED', 300, '2026-12-05T10:01:01.000Z'));
    view.stop();
    expect(stream.text().split('\n')).toEqual([
      'Job job-1: RUNNING',
      'Progress 0/1,000 processed | deleted 0 | not found 0 | failed 0 | RUNNING',
      'Progress 300/1,000 processed | deleted 300 | not found 0 | failed 0 | RUNNING',
      'Job job-1: PAUSED until 2026-12-05T10:01:01.000Z (in 60 s): the vendor\'s budget is spent',
      'Progress 300/1,000 processed | deleted 300 | not found 0 | failed 0 | PAUSED until 2026-12-05T10:01:01.000Z (in 60 s): the vendor\'s budget is spent',
      '',
    ]);
  });

  it('in a terminal, draws the cli-progress bar with the job\'s counts and keeps notes above it', () => {
    const stream = recorder(true);
    const view = createProgressView(stream, () => Date.parse('2026-12-05T10:00:00.000Z'));
    view.uploadStarted(1000);
    view.uploaded(1000);
    view.job(job('RUNNING', 0));
    view.job(job('RUNNING', 500));
    view.note('a note');
    view.stop();
    const text = stream.text();
    expect(text).toContain('Uploading');
    expect(text).toContain('Job job-1: RUNNING\n');
    expect(text).toMatch(/Deleting {3}[█░]{30} 50% \| 500\/1,000 processed \| deleted 500 \| not found 0 \| failed 0 \| RUNNING/);
    expect(text).toContain('a note\n');
  });
});

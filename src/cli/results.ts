import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CliError, EXIT } from './exit-codes.ts';
import { refusalOf, type FacadeClient } from './graphql-client.ts';

/** What was written. */
export interface DownloadedResults {
  readonly path: string;
  /** NDJSON lines: one per distinct ID of the job. */
  readonly lines: number;
}

const NEWLINE = 0x0a;

/**
 * Streams `GET /jobs/{id}/results` (docs/contract.md §8, "Results") into `path`, never holding
 * more than a socket's chunk: a million-ID job's file is as cheap as a small one. It is written
 * beside the target as `<path>.partial` and renamed only once the facade has sent it all, so a
 * cut connection never leaves a file that looks complete. A 409 (the job's last batch still in
 * flight) is asked again after `retryMs`.
 */
export async function downloadResults(client: FacadeClient, jobId: string, path: string, options: { retryMs: number; signal: AbortSignal }): Promise<DownloadedResults> {
  const partial = `${path}.partial`;
  for (;;) {
    const response = await client.get(`jobs/${encodeURIComponent(jobId)}/results`, options.signal);
    if (response.status === 409) {
      await response.body?.cancel();
      await sleep(options.retryMs, undefined, { signal: options.signal });
      continue;
    }
    if (!response.ok || response.body === null) throw await refusalOf(response);
    let lines = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lines++;
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), counter, createWriteStream(partial, { mode: 0o600 }), { signal: options.signal });
    } catch (error) {
      await rm(partial, { force: true });
      if (options.signal.aborted) throw options.signal.reason;
      throw new CliError(EXIT.FACADE, `The results of job ${jobId} were cut off after ${lines} lines (${(error as Error).message}); nothing was written to ${path}. Run with --job ${jobId} to download them again.`, { cause: error, retryable: true });
    }
    await rename(partial, path);
    return { path, lines };
  }
}

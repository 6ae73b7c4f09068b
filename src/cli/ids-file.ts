import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CliError, EXIT } from './exit-codes.ts';

// What the facade refuses in an ID (src/bulk-delete/ids.ts), checked for the whole file before a
// job exists, so a bad line 900,000 changes nothing rather than leaving a half-filled job.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The IDs file on disk: standard input is first copied to a temporary file, read twice like any other. */
export interface IdsSource {
  readonly path: string;
  /** How messages name it: the path, or "standard input". */
  readonly name: string;
  /** Removes the temporary copy of standard input; nothing for a file. */
  dispose(): Promise<void>;
}

/** What one pass over the file found: every ID valid, how many, and the content's digest. */
export interface IdsScan {
  /** IDs (non-blank lines), duplicates included. */
  readonly count: number;
  /** SHA-256 (base64url) of the IDs in order, one per line: blank lines and line endings do not change it. */
  readonly digest: string;
}

/**
 * The file to read, checked to exist and be a file before any call. Standard input ('-') is
 * streamed into a private temporary file: the IDs are read twice (the digest that names the job,
 * then the upload), and a pipe can be read once.
 */
export async function openIdsSource(path: string, stdin: () => Readable, tmpDir: string): Promise<IdsSource> {
  if (path === '-') {
    const dir = await mkdtemp(join(tmpDir, 'bulk-delete-ids-'));
    const copy = join(dir, 'ids.txt');
    await pipeline(stdin(), createWriteStream(copy, { mode: 0o600 }));
    return { path: copy, name: 'standard input', dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(EXIT.USAGE, `--ids-file ${path} is not a file: give a file with one ID per line, or - for standard input.`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new CliError(EXIT.USAGE, `--ids-file ${path} cannot be read (${code}): give a file with one ID per line, or - for standard input.`);
  }
  return { path, name: path, dispose: async () => {} };
}

/** Each ID of the file with its 1-based line number: lines trimmed, blank lines skipped, one line in memory at a time. */
export async function* readIds(source: IdsSource): AsyncGenerator<{ id: string; line: number }> {
  const lines = createInterface({ input: createReadStream(source.path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const id = text.trim();
    if (id !== '') yield { id, line };
  }
}

/** The file's IDs in chunks of at most `size` (MAX_IDS_PER_CALL): one chunk in memory at a time. */
export async function* readIdChunks(source: IdsSource, size: number): AsyncGenerator<string[]> {
  let chunk: string[] = [];
  for await (const { id } of readIds(source)) {
    chunk.push(id);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * One pass over the file: every ID checked as the facade checks it (length, control characters,
 * well-formed Unicode), counted, and digested. Throws USAGE naming the first bad line.
 */
export async function scanIds(source: IdsSource, limits: { maxIdLength: number }): Promise<IdsScan> {
  const hash = createHash('sha256');
  let count = 0;
  for await (const { id, line } of readIds(source)) {
    const where = `${source.name} line ${line}`;
    if (id.length > limits.maxIdLength) throw new CliError(EXIT.USAGE, `${where}: the ID is ${id.length} characters long; the facade accepts at most ${limits.maxIdLength}.`);
    if (!id.isWellFormed()) throw new CliError(EXIT.USAGE, `${where}: the ID is not well-formed Unicode; save the file as UTF-8.`);
    if (CONTROL_CHARACTERS.test(id)) throw new CliError(EXIT.USAGE, `${where}: the ID contains a control character; remove it.`);
    hash.update(id);
    hash.update('\n');
    count++;
  }
  if (count === 0) throw new CliError(EXIT.USAGE, `${source.name} holds no IDs: one ID per line.`);
  return { count, digest: hash.digest('base64url') };
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_URL, parseCliArgs } from '../../../src/cli/args.ts';
import { CliError, EXIT } from '../../../src/cli/exit-codes.ts';

function refusal(argv: string[], env: Record<string, string> = {}): CliError {
  try {
    parseCliArgs(argv, env);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseCliArgs', () => {
  it('reads an upload with the target in any case and defaults the rest', () => {
    const args = parseCliArgs(['--target', 'Deals', '--ids-file', 'ids.txt', '--dry-run'], {});
    expect(args).toMatchObject({
      command: { kind: 'upload', target: 'DEALS', idsFile: 'ids.txt', options: { dryRun: true, skipSent: false, streamId: null }, idempotencyKey: null },
      out: null,
      pollOnly: false,
      pollMs: 2000,
    });
    expect(args.url.href).toBe(DEFAULT_URL);
  });

  it('takes the URL from --url over FACADE_URL over the default', () => {
    expect(parseCliArgs(['--job', 'j'], { FACADE_URL: 'https://f.example/api/graphql' }).url.href).toBe('https://f.example/api/graphql');
    expect(parseCliArgs(['--job', 'j', '--url', 'http://127.0.0.1:9/graphql'], { FACADE_URL: 'https://f.example/graphql' }).url.href).toBe('http://127.0.0.1:9/graphql');
  });

  it('reads a resume, with or without --cancel', () => {
    expect(parseCliArgs(['--job', 'j-1', '--cancel', '--out', 'r.ndjson', '--poll', '--poll-interval', '250'], {})).toMatchObject({
      command: { kind: 'resume', jobId: 'j-1', cancel: true },
      out: 'r.ndjson',
      pollOnly: true,
      pollMs: 250,
    });
  });

  it.each([
    [['--target', 'intents', '--ids-file', 'f', '--dry-run'], 'The option dryRun applies to DEALS jobs only, not INTENTS: leave it out.'],
    [['--target', 'contacts', '--ids-file', 'f', '--skip-sent'], 'The option skipSent applies to INTENTS jobs only, not CONTACTS: leave it out.'],
    [['--target', 'deals', '--ids-file', 'f', '--stream-id', 's'], 'The option streamId applies to CONTACTS jobs only, not DEALS: leave it out.'],
  ])('refuses an option of another target: %j', (argv, message) => {
    const error = refusal(argv);
    expect(error.exitCode).toBe(EXIT.USAGE);
    expect(error.message.split('\n')[0]).toBe(message);
  });

  it.each([
    [['--target', 'deals'], /--ids-file is missing/],
    [['--target', 'deals', '--ids-file', ''], /--ids-file is missing/],
    [['--ids-file', 'f'], /--target is missing/],
    [['--target', 'deals', '--ids-file', 'f', '--idempotency-key', ' '], /--idempotency-key is empty/],
    [['--job', ''], /--job is empty/],
    [['--job', 'j', '--poll-interval', '10'], /--poll-interval must be a whole number/],
    [['--job', 'j', '--poll-interval', 'soon'], /--poll-interval must be a whole number/],
    [['--job', 'j', '--out', ''], /--out is empty/],
    [['--job', 'j', '--target', 'deals', '--ids-file', 'f'], /--job watches a job that exists; leave out --target, --ids-file/],
    [['--url'], /Option '--url <value>' argument missing/],
  ])('refuses %j', (argv, message) => {
    const error = refusal(argv);
    expect(error.exitCode).toBe(EXIT.USAGE);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('Usage:');
  });

  it('refuses a bad FACADE_URL by its name, and never quotes a URL with credentials', () => {
    expect(refusal(['--job', 'j'], { FACADE_URL: 'nope' }).message).toMatch(/^FACADE_URL is not a URL/);
    const error = refusal(['--job', 'j', '--url', 'https://u:SECRET@f.example/graphql']);
    expect(error.message).toMatch(/^--url carries credentials/);
    expect(error.message).not.toContain('SECRET');
  });

  it('never quotes a stray or unknown argument\'s value', () => {
    for (const argv of [['bdf_SECRET'], ['--token=bdf_SECRET'], ['--api-key', 'bdf_SECRET']]) {
      expect(refusal(argv).message).not.toContain('SECRET');
    }
    expect(refusal(['--api-key', 'x']).message).toMatch(/Credentials are read from FACADE_TOKEN/);
  });
});

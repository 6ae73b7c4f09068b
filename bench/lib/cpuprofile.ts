// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time per
// function, and per package (node internals, graphql, @apollo/server, got, pino, src/…).
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from './children.ts';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One row of a summary: a function or a package, with its self time. */
export interface TimeShare {
  readonly name: string;
  readonly ms: number;
  /** Of the busy time (idle excluded). */
  readonly share: number;
}

export interface ProfileSummary {
  readonly busyMs: number;
  readonly idleMs: number;
  readonly byPackage: TimeShare[];
  readonly topFunctions: Array<TimeShare & { readonly group: string }>;
}

const REPO_URL = new URL(REPO_ROOT, 'file:///').href;

/** Which package a frame belongs to. */
export function groupOf(url: string, functionName: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return 'V8/native (program)';
    return 'V8/native';
  }
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith(REPO_URL)) {
    const relative = url.slice(REPO_URL.length);
    const parts = relative.split('/');
    return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : parts.length > 1 ? `${parts[0]}/` : relative;
  }
  // Another checkout of the project (a before/after comparison).
  const source = url.lastIndexOf('/src/');
  if (url.startsWith('file:') && source !== -1) return `src/${url.slice(source + 5).split('/')[0]}`;
  return 'other';
}

function shortUrl(url: string): string {
  if (url.startsWith(REPO_URL)) return url.slice(REPO_URL.length);
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) return url.slice(modules + '/node_modules/'.length);
  const source = url.lastIndexOf('/src/');
  return url.startsWith('file:') && source !== -1 ? url.slice(source + 1) : url;
}

/**
 * Summarises one profile: self time by package and the `top` functions by self time,
 * leaving out the first `skipMs` (start-up and warm-up).
 */
export function summariseProfile(file: string, top = 25, skipMs = 0): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  let elapsedMs = 0;
  // A sample's duration is the gap to the next one.
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    elapsedMs += (profile.timeDeltas[i] ?? 0) / 1000;
    if (elapsedMs < skipMs) continue;
    const id = profile.samples[i]!;
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  }
  const groups = new Map<string, number>();
  const functions = new Map<string, { ms: number; group: string }>();
  let idleMs = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const group = groupOf(url, functionName);
    if (group === '(idle)') {
      idleMs += ms;
      continue;
    }
    groups.set(group, (groups.get(group) ?? 0) + ms);
    const name = url === '' ? functionName || '(native, unnamed)' : `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    const entry = functions.get(name) ?? { ms: 0, group };
    entry.ms += ms;
    functions.set(name, entry);
  }
  const busyMs = [...groups.values()].reduce((sum, ms) => sum + ms, 0);
  const share = (ms: number) => (busyMs === 0 ? 0 : ms / busyMs);
  return {
    busyMs,
    idleMs,
    byPackage: [...groups].map(([name, ms]) => ({ name, ms, share: share(ms) })).sort((a, b) => b.ms - a.ms),
    topFunctions: [...functions].map(([name, { ms, group }]) => ({ name, ms, group, share: share(ms) })).sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}

/** A summary as Markdown tables. */
export function renderProfile(title: string, summary: ProfileSummary, packages = 15): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  return [
    `#### ${title}`,
    '',
    `Busy ${summary.busyMs.toFixed(0)} ms of samples (idle ${summary.idleMs.toFixed(0)} ms left out).`,
    '',
    '| package | self time | share |',
    '| --- | ---: | ---: |',
    ...summary.byPackage.slice(0, packages).map((row) => `| ${row.name} | ${row.ms.toFixed(0)} ms | ${pct(row.share)} |`),
    '',
    '| function (self time) | package | share |',
    '| --- | --- | ---: |',
    ...summary.topFunctions.map((row) => `| \`${row.name.replaceAll('|', '\\|')}\` | ${row.group} | ${pct(row.share)} |`),
    '',
  ].join('\n');
}

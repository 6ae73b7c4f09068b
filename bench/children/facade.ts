// The facade as main.ts builds it (loadConfig from the environment, createApp, listen), plus
// what only a benchmark needs: the memory one call costs, measured inside the process. The
// product has no endpoint for this and gets none: the parent asks over IPC.
//
// `mark` collects garbage (run with --expose-gc) and resets the kernel's peak-RSS mark
// (/proc/self/clear_refs), so `peak` reports what the calls in between added at their worst.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/server/create-app.ts';
import { announceReady, serveIpc } from '../lib/ipc.ts';

/** Memory before the measured calls, and the worst during them (bytes). */
export interface MemoryWindow {
  readonly rssBefore: number;
  readonly rssPeak: number;
  readonly heapBefore: number;
  readonly heapPeak: number;
  /** How the peak RSS was known: the kernel's high-water mark, or sampling. */
  readonly source: 'VmHWM' | 'sampled';
}

const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
const app = await createApp(config);
const url = await app.listen();

function procStatus(field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const collect = (globalThis as { gc?: () => void }).gc;
interface Window { rssBefore: number; heapBefore: number; rssPeak: number; heapPeak: number; kernel: boolean; timer: NodeJS.Timeout }
let window: Window | null = null;

serveIpc({
  usage: () => ({ ...process.memoryUsage(), vmRss: procStatus('VmRSS') }),
  mark: () => {
    if (window) clearInterval(window.timer);
    collect?.();
    collect?.();
    const kernel = resetPeak();
    const usage = process.memoryUsage();
    const heap = usage.heapUsed + usage.external;
    const rss = (kernel ? procStatus('VmRSS') : null) ?? usage.rss;
    // Sampling catches the heap's peak (the kernel keeps none) and RSS where /proc is missing.
    const timer = setInterval(() => {
      if (window === null) return;
      const now = process.memoryUsage();
      window.heapPeak = Math.max(window.heapPeak, now.heapUsed + now.external);
      window.rssPeak = Math.max(window.rssPeak, now.rss);
    }, 2);
    window = { rssBefore: rss, heapBefore: heap, rssPeak: rss, heapPeak: heap, kernel, timer };
    return true;
  },
  peak: (): MemoryWindow => {
    if (window === null) throw new Error('peak before mark');
    clearInterval(window.timer);
    const usage = process.memoryUsage();
    const hwm = window.kernel ? procStatus('VmHWM') : null;
    const result: MemoryWindow = {
      rssBefore: window.rssBefore,
      rssPeak: hwm ?? Math.max(window.rssPeak, usage.rss),
      heapBefore: window.heapBefore,
      heapPeak: Math.max(window.heapPeak, usage.heapUsed + usage.external),
      source: hwm === null ? 'sampled' : 'VmHWM',
    };
    window = null;
    return result;
  },
});
process.on('SIGTERM', () => void app.close(1_000).then(() => process.exit(0)));
announceReady({ url, collectsGarbage: collect !== undefined });

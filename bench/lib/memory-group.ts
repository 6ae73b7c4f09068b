// A memory-limited control group for one child: the facade under the memory limit its own
// Kubernetes manifest gives it (deploy/kubernetes/facade-deployment.yaml), as a container runtime
// would. Node reads that limit at start (process.constrainedMemory()) and V8 sizes its heap from
// it, so the same load grows the heap less than on a host with tens of gigabytes and no limit.
// Creating a group needs root and a writable cgroup hierarchy (v2, or v1's memory controller);
// where there is none, `createMemoryGroup` returns null and the measurement is skipped.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface MemoryGroup {
  readonly limitBytes: number;
  /**
   * The command and arguments that run `command` inside the group (the same pid: `exec`). The
   * command runs only once the shell has joined the group, so a started child is inside it.
   */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] };
  /** Removes the group; its processes must have exited. */
  remove(): void;
}

const V2_ROOT = '/sys/fs/cgroup';
const V1_MEMORY = '/sys/fs/cgroup/memory';

/** The facade container's memory limit in the manifest, in bytes. */
export function manifestMemoryLimit(): number {
  const text = readFileSync(new URL('../../deploy/kubernetes/facade-deployment.yaml', import.meta.url), 'utf8');
  const manifest = parse(text) as { spec: { template: { spec: { containers: Array<{ name: string; resources?: { limits?: { memory?: string } } }> } } } };
  const memory = manifest.spec.template.spec.containers.find((container) => container.name === 'facade')?.resources?.limits?.memory;
  const match = memory === undefined ? null : /^(\d+)(Mi|Gi)$/.exec(memory);
  if (match === null) throw new Error(`the facade's manifest has no memory limit in Mi or Gi: ${String(memory)}`);
  return Number(match[1]) * 1024 * 1024 * (match[2] === 'Gi' ? 1024 : 1);
}

function tryWrite(file: string, value: string): boolean {
  try {
    writeFileSync(file, value);
    return true;
  } catch {
    return false;
  }
}

/** A new group limited to `limitBytes`, or null where this process may not make one. */
export function createMemoryGroup(limitBytes: number): MemoryGroup | null {
  const name = `bulk-delete-facade-bench-${process.pid}`;
  let dir: string;
  let limitFile: string;
  if (existsSync(`${V2_ROOT}/cgroup.controllers`)) {
    // v2: the memory controller must be enabled for the root's children.
    const enabled = readFileSync(`${V2_ROOT}/cgroup.subtree_control`, 'utf8').split(/\s+/).includes('memory');
    if (!enabled && !tryWrite(`${V2_ROOT}/cgroup.subtree_control`, '+memory')) return null;
    dir = `${V2_ROOT}/${name}`;
    limitFile = 'memory.max';
  } else if (existsSync(`${V1_MEMORY}/memory.limit_in_bytes`)) {
    dir = `${V1_MEMORY}/${name}`;
    limitFile = 'memory.limit_in_bytes';
  } else {
    return null;
  }
  try {
    mkdirSync(dir);
  } catch {
    return null;
  }
  const remove = () => {
    try {
      rmdirSync(dir);
    } catch {
      // Still in use or already gone: the kernel keeps an empty group until it is removed.
    }
  };
  if (!tryWrite(`${dir}/${limitFile}`, String(limitBytes))) {
    remove();
    return null;
  }
  return {
    limitBytes,
    // `$0` is the group's folder; the shell joins the group, then becomes the command.
    wrap: (command, args) => ({ command: 'sh', args: ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', dir, command, ...args] }),
    remove,
  };
}

/**
 * Runs `work` in a new group limited to the facade manifest's memory limit, and removes the
 * group after it; null, with a line saying so, where no group can be made here.
 */
export async function inManifestLimit<T extends object>(what: string, log: (line: string) => void, work: (group: MemoryGroup) => Promise<T>): Promise<(T & { limitBytes: number }) | null> {
  const group = createMemoryGroup(manifestMemoryLimit());
  if (group === null) {
    log(`  no memory-limited cgroup can be made here (needs root and a writable hierarchy): ${what} inside the manifest's limit is skipped`);
    return null;
  }
  log(`  ${what} inside the manifest's memory limit (${group.limitBytes / 1024 / 1024} MiB)`);
  try {
    return { ...await work(group), limitBytes: group.limitBytes };
  } finally {
    group.remove();
  }
}

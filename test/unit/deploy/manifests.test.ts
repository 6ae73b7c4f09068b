// The Dockerfile and deploy/kubernetes/ are read by no code: these tests keep their port,
// probes, command and variable names in step with the code they run.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../../src/config/index.ts';
import { createApp, type App } from '../../../src/server/create-app.ts';

const ROOT = new URL('../../../', import.meta.url);
const read = (relative: string): string => readFileSync(new URL(relative, ROOT), 'utf8');
const PACKAGE = JSON.parse(read('package.json')) as { version: string; engines: { node: string }; scripts: { start: string }; dependencies: Record<string, string> };
const START_COMMAND = PACKAGE.scripts.start.split(/\s+/);
const DEFAULT_PORT = loadConfig({}).server.port;

// Every variable the configuration reads (the first argument of a reader call), and the
// `*_FILE` form of each secret.
const CONFIG_DIR = new URL('src/config/', ROOT);
const CONFIG_SOURCES = readdirSync(CONFIG_DIR).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(new URL(name, CONFIG_DIR), 'utf8'));
const SECRETS = new Set(CONFIG_SOURCES.flatMap((text) => [...text.matchAll(/secret\(\s*'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]!)));
const KNOWN_VARIABLES = new Set([
  ...CONFIG_SOURCES.flatMap((text) => [...text.matchAll(/\(\s*'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]!)),
  ...[...SECRETS].map((name) => `${name}_FILE`),
]);

type Manifest = { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };

function manifests(file: string): Manifest[] {
  return parseAllDocuments(read(`deploy/kubernetes/${file}`)).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as Manifest;
  });
}

const KUSTOMIZATION = manifests('kustomization.yaml')[0] as unknown as { resources: string[]; images: Array<{ name: string; newTag: string }> };
const APPLIED = KUSTOMIZATION.resources.flatMap((file) => manifests(file));
const find = (kind: string, name: string): Manifest => {
  const found = APPLIED.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the kustomization's resources`);
  return found;
};

const DEPLOYMENT = find('Deployment', 'bulk-delete-facade');
const POD = DEPLOYMENT.spec.template.spec;
const CONTAINER = POD.containers[0];
const ENV = new Map<string, { value?: string; valueFrom?: any }>(CONTAINER.env.map((entry: { name: string }) => [entry.name, entry]));
const CONFIG_MAP = find('ConfigMap', 'bulk-delete-facade');
const SECRET_EXAMPLE = manifests('secret.example.yaml')[0]!;
const SECRET_REFS = CONTAINER.env.filter((entry: any) => entry.valueFrom?.secretKeyRef).map((entry: any) => entry.valueFrom.secretKeyRef);

/** The Dockerfile's instructions of its last stage (the image), continuation lines joined. */
function imageInstructions(): Array<{ op: string; args: string }> {
  const lines = read('Dockerfile').replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const instructions = lines.map((line) => ({ op: line.split(/\s+/, 1)[0]!.toUpperCase(), args: line.slice(line.search(/\s/) + 1).trim() }));
  return instructions.slice(instructions.map((instruction) => instruction.op).lastIndexOf('FROM'));
}
const IMAGE = imageInstructions();
const instruction = (op: string): string[] => IMAGE.filter((entry) => entry.op === op).map((entry) => entry.args);

describe('Dockerfile', () => {
  it('runs on Node 22, the major version the engines field needs', () => {
    const needed = /^>=(\d+)\./.exec(PACKAGE.engines.node)?.[1];
    expect(instruction('FROM')[0]).toMatch(new RegExp(`^node:${needed}(-[a-z-]+)?$`));
  });

  it('installs production dependencies only, from the lockfile', () => {
    expect(read('Dockerfile')).toMatch(/npm ci --omit=dev/);
  });

  it('starts with npm start\'s command, run by node itself', () => {
    expect(JSON.parse(instruction('CMD')[0]!)).toEqual(START_COMMAND);
  });

  it('runs as a non-root user, by number', () => {
    expect(instruction('USER')[0]).toMatch(/^[1-9]\d*(:\d+)?$/);
  });

  it('listens on all interfaces on the default port, and exposes it', () => {
    const env = instruction('ENV').join(' ');
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(new RegExp(`\\bPORT=${DEFAULT_PORT}\\b`));
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(instruction('EXPOSE')).toEqual([String(DEFAULT_PORT)]);
  });

  it('checks its health on /healthz', () => {
    expect(instruction('HEALTHCHECK')[0]).toMatch(/CMD .*\/healthz/);
  });

  it('copies what the app reads at run time, and .dockerignore keeps .env and the rest out', () => {
    const copied = instruction('COPY').join('\n');
    for (const path of ['package.json', 'schema/*.graphql', 'src']) expect(copied).toContain(path);
    const ignore = read('.dockerignore').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignore[0]).toBe('*');
    expect(ignore.filter((line) => line.startsWith('!')).sort()).toEqual(['!package-lock.json', '!package.json', '!schema/*.graphql', '!src']);
  });

  it('needs nothing at run time beyond the production dependencies', () => {
    const sources = (dir: URL): URL[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(new URL(`${entry.name}/`, dir)) : /\.(ts|js)$/.test(entry.name) ? [new URL(entry.name, dir)] : []);
    const packages = new Set<string>();
    for (const file of sources(new URL('src/', ROOT))) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [
        ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+'([^']+)'/gm)].map((match) => match[1]!),
        ...[...text.matchAll(/\b(?:require|import)\('([^']+)'\)/g)].map((match) => match[1]!),
      ];
      for (const specifier of specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:'))) {
        packages.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
      }
    }
    expect(packages.size).toBeGreaterThan(10);
    expect([...packages].filter((name) => !(name in PACKAGE.dependencies))).toEqual([]);
  });
});

describe('deploy/kubernetes', () => {
  it('finds the configuration\'s variables (the scan itself works)', () => {
    expect(KNOWN_VARIABLES).toContain('PORT');
    expect(KNOWN_VARIABLES).toContain('STOQ_API_KEY_FILE');
    expect(KNOWN_VARIABLES.size).toBeGreaterThan(40);
  });

  it('runs two replicas of the image at the package\'s version', () => {
    expect(DEPLOYMENT.spec.replicas).toBe(2);
    expect(KUSTOMIZATION.images).toEqual([{ name: CONTAINER.image, newTag: PACKAGE.version }]);
  });

  it('starts with npm start\'s command', () => {
    expect(CONTAINER.command).toEqual(START_COMMAND);
  });

  it('sets only variables the configuration reads', () => {
    const names = [...ENV.keys(), ...Object.keys(CONFIG_MAP.data ?? {}), ...Object.keys(SECRET_EXAMPLE.stringData ?? {})];
    expect(names.filter((name) => !KNOWN_VARIABLES.has(name))).toEqual([]);
  });

  it('runs in production, on all interfaces, on the default port the Service targets', () => {
    expect(ENV.get('NODE_ENV')?.value).toBe('production');
    expect(ENV.get('HOST')?.value).toBe('0.0.0.0');
    expect(ENV.get('PORT')?.value).toBe(String(DEFAULT_PORT));
    expect(CONTAINER.ports).toEqual([{ name: 'http', containerPort: DEFAULT_PORT }]);
    const service = find('Service', 'bulk-delete-facade');
    expect(service.spec.selector).toEqual(DEPLOYMENT.spec.template.metadata.labels);
    expect(service.spec.ports.map((port: { targetPort: unknown }) => port.targetPort)).toEqual(['http']);
  });

  it('takes every credential from the Secret, each optional, the same keys as its example', () => {
    expect(SECRET_REFS.every((ref: { name: string; optional: boolean; key: string }) => ref.name === SECRET_EXAMPLE.metadata.name && ref.optional === true)).toBe(true);
    expect(SECRET_REFS.map((ref: { key: string }) => ref.key).sort()).toEqual(Object.keys(SECRET_EXAMPLE.stringData ?? {}).sort());
    // Every secret the Deployment passes is one the configuration reads as a secret (never echoed).
    expect(SECRET_REFS.map((ref: { key: string }) => ref.key).filter((key: string) => !SECRETS.has(key) && key !== 'KORE_CLIENT_ID')).toEqual([]);
    for (const name of ['STOQ_API_KEY', 'LEADLEX_API_KEY', 'AUTH_API_KEYS']) expect(SECRET_REFS.map((ref: { key: string }) => ref.key)).toContain(name);
    // The example is never applied: real credentials do not live in the repository.
    expect(KUSTOMIZATION.resources).not.toContain('secret.example.yaml');
    expect(Object.values(SECRET_EXAMPLE.stringData ?? {}).every((value) => value === '')).toBe(true);
  });

  it('leaves the kill until the preStop pause and the drain are over', () => {
    const preStopSeconds = Number(CONTAINER.lifecycle.preStop.exec.command[1]);
    const graceMs = Number(ENV.get('SHUTDOWN_GRACE_MS')?.value ?? loadConfig({}).shutdownGraceMs);
    expect(POD.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopSeconds * 1000 + graceMs);
  });

  it('runs the container as a non-root user', () => {
    expect(POD.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(POD.securityContext.runAsUser).toBeGreaterThan(0);
    expect(CONTAINER.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  });

  it('points REDIS_URL at the Redis Service, whose StatefulSet keeps an append-only file', () => {
    const redisUrl = new URL(ENV.get('REDIS_URL')?.value ?? '');
    const service = find('Service', redisUrl.hostname);
    expect(service.spec.ports.map((port: { port: number }) => port.port)).toContain(Number(redisUrl.port || 6379));
    const redis = APPLIED.find((manifest) => manifest.kind === 'StatefulSet' && manifest.spec.selector.matchLabels['app.kubernetes.io/name'] === service.spec.selector['app.kubernetes.io/name']);
    expect(redis?.spec.template.metadata.labels).toEqual(service.spec.selector);
    const args: string[] = redis?.spec.template.spec.containers[0].args ?? [];
    expect(args[args.indexOf('--appendonly') + 1]).toBe('yes');
    expect(args[args.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(redis?.spec.volumeClaimTemplates[0].metadata.name).toBe(redis?.spec.template.spec.containers[0].volumeMounts[0].name);
    // Only the facade's pods may reach it.
    const policy = find('NetworkPolicy', redisUrl.hostname);
    expect(policy.spec.podSelector.matchLabels).toEqual(service.spec.selector);
    expect(policy.spec.ingress[0].from[0].podSelector.matchLabels).toEqual(DEPLOYMENT.spec.template.metadata.labels);
  });

  describe('probes the paths the server serves', () => {
    let app: App;
    let url: string;
    beforeAll(async () => {
      app = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
      url = await app.listen();
    });
    afterAll(async () => app.close());

    it.each([
      ['readinessProbe', '/readyz'],
      ['livenessProbe', '/healthz'],
      ['startupProbe', '/healthz'],
    ])('%s on %s, answered 200', async (probe, path) => {
      expect(CONTAINER[probe].httpGet).toEqual({ path, port: 'http' });
      expect((await fetch(`${url}${CONTAINER[probe].httpGet.path}`)).status).toBe(200);
    });

    it('the Dockerfile\'s HEALTHCHECK path, answered 200 (and an unknown path 404)', async () => {
      const path = /\/healthz\b/.exec(instruction('HEALTHCHECK')[0]!)?.[0] ?? '';
      expect((await fetch(`${url}${path}`)).status).toBe(200);
      expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    });
  });
});

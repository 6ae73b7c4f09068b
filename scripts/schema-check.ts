// npm run schema:check [-- --schema-dir <dir> --snapshot <file>]
//
// Compares the public schema built from schema/*.graphql with the committed snapshot and
// prints every change, grouped by criticality, with @graphql-inspector's message.
// Exit codes: 0 when they match exactly; 1 on ANY difference or a missing snapshot; 2 on bad
// arguments. Non-breaking changes fail too, on purpose: the snapshot is the reviewed record
// of what clients see, so it must change in the same commit as the schema. Breaking changes
// are labelled loudly because they need more than a snapshot update (see README Development).
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchemaFromSdl, readSnapshot, renderSnapshot, schemaPathsFromArgv } from './public-schema.ts';

const UPDATE = 'npm run schema:snapshot';

const paths = schemaPathsFromArgv(process.argv.slice(2));

const snapshotFile = fileURLToPath(paths.snapshot);
const snapshot = readSnapshot(paths.snapshot);
if (snapshot === undefined) {
  process.stderr.write(`Schema check FAILED: no schema snapshot at ${snapshotFile}.\nCreate it with \`${UPDATE}\` and commit it.\n`);
  process.exit(1);
}

const current = renderSnapshot(paths.schemaDir);
const changes = await diff(buildSchemaFromSdl(snapshot), buildSchemaFromSdl(current));

const GROUPS: ReadonlyArray<{ level: CriticalityLevel; title: string }> = [
  { level: CriticalityLevel.Breaking, title: 'BREAKING changes (existing clients can fail)' },
  { level: CriticalityLevel.Dangerous, title: 'DANGEROUS changes (may change behaviour for existing clients)' },
  { level: CriticalityLevel.NonBreaking, title: 'NON_BREAKING changes' },
];
const byLevel = (level: CriticalityLevel): Change[] => changes.filter((change) => change.criticality.level === level);

for (const { level, title } of GROUPS) {
  const group = byLevel(level);
  if (group.length === 0) continue;
  process.stdout.write(`\n${title}: ${group.length}\n`);
  for (const change of group) {
    const reason = change.criticality.reason === undefined ? '' : ` (${change.criticality.reason})`;
    process.stdout.write(`  ${level === CriticalityLevel.Breaking ? '✖' : '•'} ${change.message}${reason}\n`);
  }
}

const breaking = byLevel(CriticalityLevel.Breaking).length;
if (breaking > 0) {
  process.stderr.write(
    `\nSchema check FAILED: ${breaking} BREAKING change(s) against ${snapshotFile}.\n` +
      `If the break is deliberate (agreed with the clients, or a field removed after deprecation),\n` +
      `run \`${UPDATE}\` and commit the snapshot with the change, so review sees it.\n`,
  );
  process.exit(1);
}
if (changes.length > 0) {
  process.stderr.write(
    `\nSchema check FAILED: the schema snapshot is out of date (${changes.length} non-breaking change(s)).\n` +
      `Run \`${UPDATE}\` and commit the snapshot with the schema change.\n`,
  );
  process.exit(1);
}
// Same schema, different text (a hand-edited snapshot, a new header): still keep it exact.
if (snapshot !== current) {
  process.stderr.write(`Schema check FAILED: ${snapshotFile} differs in text only. Run \`${UPDATE}\`.\n`);
  process.exit(1);
}
process.stdout.write(`Schema check passed: the schema matches ${snapshotFile}.\n`);

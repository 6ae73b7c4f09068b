// npm run schema:snapshot [-- --schema-dir <dir> --snapshot <file>]
//
// Rewrites the committed public-schema snapshot from schema/*.graphql. Run it on purpose,
// after reading what `npm run schema:check` reports, and commit the snapshot with the change
// so review shows exactly what clients will see.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSnapshot, renderSnapshot, schemaPathsFromArgv } from './public-schema.ts';

const paths = schemaPathsFromArgv(process.argv.slice(2));

const file = fileURLToPath(paths.snapshot);
const text = renderSnapshot(paths.schemaDir);
if (readSnapshot(paths.snapshot) === text) {
  process.stdout.write(`Schema snapshot already up to date: ${file}\n`);
} else {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`Wrote schema snapshot: ${file}\n`);
}

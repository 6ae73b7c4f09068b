// `npm start`'s entry point. Plain JavaScript on purpose: it is the one file that must run on
// any Node, so that an older one gets a clear line instead of a stack trace. The facade runs
// its TypeScript through Node's type stripping, on by default from Node 22.18 (the `engines`
// field); before that, loading main.ts fails with ERR_UNKNOWN_FILE_EXTENSION. That happens to
// `npm ci --omit=dev && npm start`, which drops the `node` devDependency and runs on whatever
// Node the machine has. Kept to syntax old Node parses (no top-level await).
const REQUIRED = [22, 18];

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  process.stderr.write(`bulk-delete-facade needs Node.js ${REQUIRED.join('.')} or newer (it runs TypeScript with Node's type stripping), but this is Node.js ${process.versions.node}: install Node.js 22 (npm ci without --omit=dev brings it as the "node" devDependency) or run the Docker image.\n`);
  process.exit(1);
} else {
  import('./main.ts');
}

// A module may not reach itself through its imports: static, dynamic and type-only alike
// (`import type` is erased at run time, but it still ties the two modules' designs together).
// Kept here because the maintained rules stop short of this: eslint-plugin-import-x's no-cycle
// skips type-only imports by design, and dependency-cruiser finds them only through
// TypeScript's compiler API, which TypeScript 7 no longer ships.
//
// Each file is parsed once per lint run with the configured parser; only relative imports of
// files on disk count (packages cannot import us back).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

// Other files' imports as read from disk, by path, while their modification time stands (an
// editor's ESLint lives across edits).
const importsByFile = new Map();

function sourcesOf(ast) {
  const sources = [];
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source) sources.push(node.source.value);
    if (node.type === 'ImportExpression' && node.source?.type === 'Literal' && typeof node.source.value === 'string') sources.push(node.source.value);
    for (const key of Object.keys(node)) {
      if (key !== 'parent' && key !== 'loc' && key !== 'range' && key !== 'leadingComments' && key !== 'trailingComments') visit(node[key]);
    }
  };
  visit(ast.body);
  return sources;
}

function localImports(file, ast) {
  const resolved = [];
  for (const source of sourcesOf(ast)) {
    if (!source.startsWith('.')) continue;
    const target = resolve(dirname(file), source);
    if (existsSync(target)) resolved.push(target);
  }
  return resolved;
}

function importsOf(file, parse) {
  let mtimeMs;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = importsByFile.get(file);
  if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.imports;
  let imports;
  try {
    imports = localImports(file, parse(readFileSync(file, 'utf8'), file));
  } catch {
    imports = [];
  }
  importsByFile.set(file, { mtimeMs, imports });
  return imports;
}

/** The shortest import path from `start` back to `file`, or null; `file`'s own imports are `own` (its text as linted, not as on disk). */
function cycleFrom(file, own, start, parse) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === file) {
      const path = [];
      for (let at = current; at !== null; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of current === file ? own : importsOf(current, parse)) {
      if (previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{path}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    const { parser, parserOptions } = context.languageOptions;
    const parse = (code, filePath) => {
      const options = { ...parserOptions, filePath, sourceType: 'module', ecmaVersion: 'latest' };
      return parser.parseForESLint ? parser.parseForESLint(code, options).ast : parser.parse(code, options);
    };
    return {
      Program(program) {
        const own = localImports(file, program);
        const seen = new Set();
        for (const target of own) {
          if (seen.has(target)) continue;
          seen.add(target);
          const path = cycleFrom(file, own, target, parse);
          if (path === null) continue;
          const cwd = context.cwd;
          context.report({ node: program, messageId: 'cycle', data: { path: [file, ...path].map((p) => relative(cwd, p)).join(' → ') } });
          return;
        }
      },
    };
  },
};

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CONFIG_DIR = new URL('../../../src/config/', import.meta.url);
const read = (relative: string): string => readFileSync(new URL(relative, new URL('../../../', import.meta.url)), 'utf8');

// Every variable the configuration reads: the first argument of a reader call (`int('PORT', …)`).
const VARIABLES = [...new Set(readdirSync(CONFIG_DIR)
  .filter((name) => name.endsWith('.ts'))
  .flatMap((name) => [...readFileSync(new URL(name, CONFIG_DIR), 'utf8').matchAll(/\(\s*'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]!)))].sort();

describe('every configuration variable is documented', () => {
  it('finds the variables (the scan itself works)', () => {
    expect(VARIABLES).toEqual(expect.arrayContaining(['PORT', 'STOQ_API_KEY', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'TRUSTED_PROXIES']));
    expect(VARIABLES.length).toBeGreaterThan(40);
  });

  it.each(['README.md', '.env.example'])('in %s', (file) => {
    const text = read(file);
    expect(VARIABLES.filter((name) => !new RegExp(`\\b${name}\\b`).test(text))).toEqual([]);
  });
});

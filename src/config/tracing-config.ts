import type { TracingConfig } from './config.ts';
import type { EnvReader } from './reader.ts';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * OpenTelemetry export, from the variables every OTel SDK reads (so an operator's existing
 * collector settings work as they are). Off unless an OTLP endpoint is set, or when
 * OTEL_SDK_DISABLED is true.
 */
export function loadTracingConfig(env: EnvReader): TracingConfig | null {
  if (env.bool('OTEL_SDK_DISABLED', false)) return null;
  const tracesEndpoint = env.optionalUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const baseEndpoint = env.optionalUrl('OTEL_EXPORTER_OTLP_ENDPOINT');
  const headers = {
    ...readHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
    ...readHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
  };
  const serviceName = env.read('OTEL_SERVICE_NAME') ?? 'bulk-delete-facade';
  // The spec: a signal-specific endpoint is used as given; the base one gets the signal's path.
  const tracesUrl = tracesEndpoint ?? (baseEndpoint === undefined ? undefined : `${baseEndpoint.replace(/\/+$/, '')}/v1/traces`);
  if (tracesUrl === undefined) return null;
  return { tracesUrl, headers, serviceName };
}

/** `key=value,key2=value2`, values percent-encoded (the OTel spec's format); never quoted in problems. */
function readHeaders(env: EnvReader, name: string): Record<string, string> {
  const raw = env.secret(name, { multiline: true });
  if (raw === undefined) return {};
  const headers: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = at === -1 ? '' : pair.slice(0, at).trim();
    let value: string | null = null;
    try {
      value = at === -1 ? null : decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      value = null;
    }
    if (!HEADER_NAME.test(key) || value === null || /[\r\n\u0000]/.test(value)) {
      env.problems.push(`${name} must be comma-separated key=value pairs with percent-encoded values (value not shown)`);
      return {};
    }
    headers[key.toLowerCase()] = value;
  }
  return headers;
}

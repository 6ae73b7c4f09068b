import { describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, loadConfig } from '../../../src/config/index.ts';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError, the configuration loaded');
}

describe('tracing configuration (OTEL_*)', () => {
  it('is off unless an OTLP endpoint is set', () => {
    expect(loadConfig({}).tracing).toBeNull();
    expect(loadConfig({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_HEADERS: 'a=b' }).tracing).toBeNull();
  });

  it.each([
    ['http://127.0.0.1:4318', 'http://127.0.0.1:4318/v1/traces'],
    ['http://collector:4318/', 'http://collector:4318/v1/traces'],
    ['https://otlp.example.com/otel', 'https://otlp.example.com/otel/v1/traces'],
  ])('appends /v1/traces to the base endpoint %s', (endpoint, tracesUrl) => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).tracing).toEqual({ tracesUrl, headers: {}, serviceName: 'bulk-delete-facade' });
  });

  it('uses the traces endpoint as given, before the base one', () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom/traces', OTEL_SERVICE_NAME: 'deletes-eu' });
    expect(config.tracing).toMatchObject({ tracesUrl: 'http://b:4318/custom/traces', serviceName: 'deletes-eu' });
  });

  it('reads headers as percent-encoded key=value pairs, trace headers winning, and treats the values as secrets', () => {
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20otlp-token-123456, x-team = deletes ',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=traces',
    });
    expect(config.tracing?.headers).toEqual({ authorization: 'Bearer otlp-token-123456', 'x-team': 'traces' });
    expect(configSecrets(config)).toContain('Bearer otlp-token-123456');
  });

  it('can be turned off with OTEL_SDK_DISABLED', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: '//collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http\(s\) URL/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' }, /OTEL_EXPORTER_OTLP_ENDPOINT must use http or https/],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces?token=abc' }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be a base URL without \?query/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign-secret-value' }, /OTEL_EXPORTER_OTLP_HEADERS must be comma-separated key=value pairs/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'bad name=secret-value' }, /OTEL_EXPORTER_OTLP_HEADERS must be/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'a=%E0%A4%A-secret-value' }, /OTEL_EXPORTER_OTLP_HEADERS must be/],
    [{ OTEL_SDK_DISABLED: 'maybe' }, /OTEL_SDK_DISABLED must be true or false/],
  ])('refuses %j', (env, message) => {
    const problems = problemsOf(env);
    expect(problems.join('\n')).toMatch(message);
    expect(problems.join('\n')).not.toContain('secret-value');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('defaults to none', () => {
    expect(loadConfig({}).security.trustedProxies).toEqual([]);
  });

  it('reads addresses and CIDR ranges of both families', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1 ,fd00::/8' }).security.trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
  });

  it.each(['router.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/8', '10.0.0/8', '10.0.0.0/x'])('refuses %s, quoting it', (entry) => {
    const problems = problemsOf({ TRUSTED_PROXIES: `127.0.0.1,${entry}` });
    expect(problems).toEqual([`TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, ::1); not valid: ${JSON.stringify(entry)}`]);
  });
});

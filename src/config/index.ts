// config/: the environment, parsed once into a typed, fully defaulted, frozen Config.
// Past this boundary nothing reads process.env and nothing checks for undefined.
export type { ApiKeyEntry, AuthConfig, Config, InputLimits, JobRunnerConfig, JwtAuthConfig, KoreAuth, KoreConfig, LeadLexConfig, ProtectionConfig, Scope, SecurityConfig, ServerConfig, StoqConfig, TracingConfig, UpstreamPolicy, UpstreamsConfig } from './config.ts';
export { SCOPES } from './config.ts';
export { ANONYMOUS_CLIENT, API_KEY_NAME } from './auth-config.ts';
export type { ReadSecretFile } from './reader.ts';
export { ConfigError, configSecrets, loadConfig, type LoadConfigOptions } from './load-config.ts';
export { MAX_STREAM_ID_LENGTH, STREAM_ID_PATTERN } from './upstreams-config.ts';

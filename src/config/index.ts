// config/: the environment, parsed once into a typed, fully defaulted, frozen Config.
// Past this boundary nothing reads process.env and nothing checks for undefined.
export type { Config, InputLimits, KoreAuth, KoreConfig, LeadLexConfig, ServerConfig, StoqConfig, UpstreamPolicy, UpstreamsConfig } from './config.ts';
export { ConfigError, configSecrets, loadConfig } from './load-config.ts';

// auth/: who may call the facade (README, Security). API keys (salted SHA-256 digests in
// AUTH_API_KEYS) or JWTs from the identity provider (HS256 secret or JWKS), checked once per
// request from its headers, before the body is read: UNAUTHENTICATED (401) stops it there.
// Each mutation then needs the scope its SDL declares (@requiresScope; FORBIDDEN otherwise) before
// its input is read.
export { API_KEY_PREFIX, buildApiKeyLine, createApiKeyVerifier, generateApiKey, hashApiKey, isApiKeyFormat, type ApiKeyVerifier } from './api-keys.ts';
export { createAuthenticator, parseAuthorization, type Authenticator, type ParsedAuthorization } from './authenticate.ts';
export { createRequestAuthenticator, type AuthDecision, type AuthFailureLimiter, type RequestAuthenticator } from './request-auth.ts';
export { ANONYMOUS, type Identity } from './identity.ts';
export { JWT_CLOCK_TOLERANCE_S, createJwtVerifier, parseScopes, type JwtVerifier, type JwtVerifierDeps } from './jwt.ts';
export { assertScope } from './scopes.ts';

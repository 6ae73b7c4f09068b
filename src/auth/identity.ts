import { ANONYMOUS_CLIENT, SCOPES, type Scope } from '../config/index.ts';

/** Who is calling, once authenticated: what the GraphQL context carries. */
export interface Identity {
  /**
   * The client's name: an API key's configured name, `jwt:<client claim>` for a JWT, or
   * `anonymous`. Scopes idempotency keys and names the client in logs; never a credential.
   */
  readonly client: string;
  /** The mutations this client may call (docs/contract.md §4: FORBIDDEN otherwise). */
  readonly scopes: ReadonlySet<Scope>;
}

/**
 * The one client every call without credentials acts as when authentication is not required
 * (docs/contract.md §6: "all unauthenticated callers in development count as one client").
 */
export const ANONYMOUS: Identity = Object.freeze({ client: ANONYMOUS_CLIENT, scopes: new Set<Scope>(SCOPES) });

import type { Scope } from '../config/index.ts';
import { FacadeError } from '../errors/index.ts';
import type { Identity } from './identity.ts';

/**
 * Throws FORBIDDEN unless `identity` holds `scope`, the one `field` declares with
 * `@requiresScope` in the SDL (server/scope-directive.ts applies it to every mutation field).
 */
export function assertScope(identity: Identity, scope: Scope, field: string): void {
  if (identity.scopes.has(scope)) return;
  throw new FacadeError('FORBIDDEN', `Client ${JSON.stringify(identity.client)} lacks the scope ${scope} that ${field} needs: ask the facade's operator for an API key or token with it.`);
}

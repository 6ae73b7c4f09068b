import type { ResultKind } from '../bulk-delete/result.ts';
import type { Scope } from '../config/index.ts';
import { FacadeError } from '../errors/index.ts';
import type { Identity } from './identity.ts';

/** The scope each mutation needs, and the field name clients know it by. */
export const MUTATION_SCOPES = {
  intents: { field: 'bulkDeleteIntents', scope: 'intents:delete' },
  contacts: { field: 'bulkDeleteContacts', scope: 'contacts:delete' },
  deals: { field: 'bulkDeleteDeals', scope: 'deals:delete' },
} as const satisfies Record<ResultKind, { field: string; scope: Scope }>;

/**
 * Throws FORBIDDEN unless `identity` holds the scope `mutation` needs. Called first thing for
 * every mutation field, before its input is read: a client without the scope learns nothing
 * from validation and reaches no upstream. Per field, so in a document with two mutations each
 * answers for itself (CONTRACT §2: one mutation's error never wipes out another's result).
 */
export function assertScope(identity: Identity, mutation: ResultKind): void {
  const { field, scope } = MUTATION_SCOPES[mutation];
  if (identity.scopes.has(scope)) return;
  throw new FacadeError('FORBIDDEN', `Client ${JSON.stringify(identity.client)} lacks the scope ${scope} that ${field} needs: ask the facade's operator for an API key or token with it.`);
}

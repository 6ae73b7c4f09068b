import type { ResultKind } from '../bulk-delete/result.ts';
import type { RequestContext } from '../server/context.ts';
import { auditError } from '../observability/index.ts';

/** Each mutation's field name, as clients know it. */
export const MUTATION_FIELDS = {
  intents: 'bulkDeleteIntents',
  contacts: 'bulkDeleteContacts',
  deals: 'bulkDeleteDeals',
} as const satisfies Record<ResultKind, string>;

const KIND_OF_FIELD: ReadonlyMap<string, ResultKind> = new Map(Object.entries(MUTATION_FIELDS).map(([kind, field]) => [field, kind as ResultKind]));

/**
 * A mutation refused for its scope (`@requiresScope`, before the resolver runs), written down
 * like any other refused delete: one audit line and the error metric. Its input is described
 * by size only; the refused client learns nothing from it.
 */
export function auditScopeRefusal(field: string, args: Record<string, unknown>, ctx: RequestContext, error: unknown): void {
  const kind = KIND_OF_FIELD.get(field);
  if (kind === undefined) return;
  const input = (args.input ?? {}) as { ids?: readonly string[]; idempotencyKey?: string | null };
  ctx.services.metrics.recordError(kind, 'FORBIDDEN');
  auditError(ctx.services.logger, {
    client: ctx.client,
    mutation: kind,
    requestId: ctx.requestId,
    idsInInput: input.ids?.length ?? 0,
    idempotencyKey: input.idempotencyKey ?? null,
    idempotencyKeyValid: false,
  }, error);
}

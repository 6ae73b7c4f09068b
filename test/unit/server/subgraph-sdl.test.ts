import { buildSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_ENTITY_TYPES, SUBGRAPH_SDL } from '../../../src/__generated__/subgraph-sdl.ts';
import { loadTypeDefs } from '../../../src/server/type-defs.ts';

describe('the generated subgraph SDL', () => {
  it('is what Apollo Federation prints for schema/ today (run `npm run codegen` after an SDL change)', () => {
    // The resolver itself: @apollo/subgraph loads graphql's CommonJS build, the test its ESM one.
    const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs() });
    const service = schema.getQueryType()?.getFields()._service?.resolve?.(null, {}, null, null as never) as { sdl?: string } | undefined;
    expect(SUBGRAPH_SDL).toBe(service?.sdl);
    const entity = schema.getType('_Entity');
    expect([...SUBGRAPH_ENTITY_TYPES]).toEqual(entity !== undefined && 'getTypes' in entity ? entity.getTypes().map((type) => type.name).sort() : []);
    expect(SUBGRAPH_ENTITY_TYPES).toEqual(['BulkDeleteJob']);
  });
});

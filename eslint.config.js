// ESLint runs on the SDL only (`npm run lint`): @graphql-eslint's schema rules over
// schema/*.graphql. The plugin sees `extend schema @link(url: ".../federation/...")` and
// builds the schema with @apollo/subgraph, so @link, @tag and the federation directives are known.
import graphql from '@graphql-eslint/eslint-plugin';

export default [
  // The snapshot is generated (`npm run schema:snapshot`) and checked by `npm run schema:check`.
  { ignores: ['schema/snapshot/'] },
  {
    files: ['schema/*.graphql'],
    languageOptions: {
      parser: graphql.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/*.graphql' } },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      // Every type, field, argument and enum value is documented (the schema is the API doc),
      // not only types and root fields as recommended.
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          DirectiveDefinition: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
        },
      ],
      // The SDL writes one-line descriptions as "…" and longer ones as """…"""; this rule
      // demands one kind everywhere, which is a taste, not a defect.
      '@graphql-eslint/description-style': 'off',
      // Results and failures are values, not entities: they have no identity to refetch.
      '@graphql-eslint/strict-id-in-types': 'off',
    },
  },
];

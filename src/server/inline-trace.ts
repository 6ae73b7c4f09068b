import type { ApolloServerPlugin, GraphQLServerContext } from '@apollo/server';

/** A plugin Apollo recognises by its internal ID, as it does its own (and their `…Disabled` forms). */
type InternalPlugin<T extends object> = ApolloServerPlugin<T> & { readonly __internal_plugin_id__: string; readonly __is_disabled_plugin__: boolean };

/**
 * Apollo's federated inline tracing (`extensions.ftv1`, which a router reporting to GraphOS asks
 * subgraphs for with `apollo-federation-include-trace: ftv1`), with Apollo's own plugin loaded at
 * the first request that asks. Apollo installs that plugin in every subgraph at start-up unless
 * one with its ID is present; it brings the usage-reporting protobuf module (0.4 MB of source,
 * ≈ 1.4 MB resident: bench/optimisations.md, "Memory at start, with jobs") and builds a trace
 * tree on every request, asked for or not. Same traces, same options (Apollo's defaults).
 */
export function lazyInlineTracePlugin<T extends object>(): ApolloServerPlugin<T> {
  let server: GraphQLServerContext | null = null;
  let inlineTrace: Promise<ApolloServerPlugin<T>> | null = null;
  const load = async (started: GraphQLServerContext): Promise<ApolloServerPlugin<T>> => {
    const { ApolloServerPluginInlineTrace } = await import('@apollo/server/plugin/inlineTrace');
    const plugin = ApolloServerPluginInlineTrace({ __onlyIfSchemaIsSubgraph: true }) as ApolloServerPlugin<T>;
    await plugin.serverWillStart?.(started);
    return plugin;
  };
  const plugin: InternalPlugin<T> = {
    __internal_plugin_id__: 'InlineTrace',
    __is_disabled_plugin__: false,
    async serverWillStart(context) {
      server = context;
    },
    async requestDidStart(context) {
      if (server === null || context.request.http?.headers.get('apollo-federation-include-trace') !== 'ftv1') return;
      const started = server;
      inlineTrace ??= load(started).catch((error: unknown) => {
        inlineTrace = null;
        throw error;
      });
      return (await inlineTrace).requestDidStart?.(context);
    },
  };
  return plugin;
}

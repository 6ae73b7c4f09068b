import type { ApolloServerPlugin } from '@apollo/server';
import { findFacadeError } from '../errors/index.ts';
import { boundOperationName } from '../observability/index.ts';
import type { RequestContext } from './context.ts';

/**
 * Tells the request's record and span what Apollo learned: the operation once resolved (its
 * type and name), and the code of every error, as `formatError` will report it.
 */
export function requestObserverPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, operationName }) {
          if (operation === undefined) return;
          contextValue.record.operationType = operation.operation;
          const name = boundOperationName(operationName);
          contextValue.record.operationName = name;
          contextValue.trace.setOperation(operation.operation, name);
        },
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = findFacadeError(error)?.code ?? error.extensions?.code;
            contextValue.record.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}

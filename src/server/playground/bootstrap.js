// Starts GraphiQL in the playground page. Served as a same-origin file rather than inlined so the
// page's Content-Security-Policy can forbid inline scripts; it reads its settings from the JSON
// block the server embedded, and expects the React, ReactDOM and GraphiQL UMD globals.
(() => {
  'use strict';

  const config = JSON.parse(document.getElementById('playground-config').textContent);

  // GraphiQL's storage, kept in memory for this page only. `shouldPersistHeaders: false` alone is
  // not enough: GraphiQL 3 still writes each run's headers into its query history in
  // localStorage, and those headers hold the API key. In memory, nothing outlives the tab, and
  // every visit opens the server's current examples instead of tabs saved by an older version.
  function createMemoryStorage() {
    const items = new Map();
    return {
      getItem: (key) => (items.has(key) ? items.get(key) : null),
      setItem: (key, value) => {
        items.set(key, String(value));
      },
      removeItem: (key) => {
        items.delete(key);
      },
      clear: () => {
        items.clear();
      },
      get length() {
        return items.size;
      },
    };
  }

  // The headers editor opens with an Authorization template such as `Bearer <API key or JWT>`.
  // GraphiQL parses that editor as strict JSON (a comment fails every run and the schema fetch),
  // so the template has to be a real header, and it must not be sent while it is still one: the
  // facade verifies any Authorization header it receives, even where authentication is optional,
  // and would answer 401 to a demo visitor who never touched it. A value that still holds an
  // angle-bracketed placeholder cannot be a credential (`<` is outside the bearer token alphabet).
  const PLACEHOLDER = /<[^<>]*>/;

  function isUnfilledAuthorization(lowerName, value) {
    return lowerName === 'authorization' && PLACEHOLDER.test(value);
  }

  // A job example's variables may name "<the job CreateDemoJob made>": once a run of
  // createBulkDeleteJob has answered in this page, its job's ID is sent in its place, so the
  // progress tab runs as loaded right after the Jobs tab. Before that the placeholder is sent
  // as is, and the facade's answer (no such job) says what to put there.
  const JOB_PLACEHOLDER = /^<[^<>]*\bjob\b[^<>]*>$/i;
  let lastJobId = null;

  function withJobId(variables) {
    if (lastJobId === null || variables === null || typeof variables !== 'object') return variables;
    const filled = {};
    for (const name of Object.keys(variables)) {
      const value = variables[name];
      filled[name] = typeof value === 'string' && JOB_PLACEHOLDER.test(value) ? lastJobId : value;
    }
    return filled;
  }

  function rememberJob(result) {
    const job = result && result.data && result.data.createBulkDeleteJob;
    if (job && typeof job.id === 'string') lastJobId = job.id;
  }

  // The headers the editor holds, as they are sent: no Content-Type of the visitor's (ours lets
  // the server's CSRF protection accept the request), no unfilled Authorization template.
  function editedHeaders(options) {
    const edited = (options && options.headers) || {};
    const headers = {};
    let authorization;
    for (const name of Object.keys(edited)) {
      const lower = name.toLowerCase();
      const value = String(edited[name]);
      // Header names are case-insensitive: fetch would merge a `content-type` key with ours.
      if (lower === 'content-type') continue;
      if (isUnfilledAuthorization(lower, value)) continue;
      if (lower === 'authorization') authorization = value;
      headers[name] = value;
    }
    return { headers, authorization };
  }

  function isSubscription(params, options) {
    const document = options && options.documentAST;
    if (!document) return false;
    const operations = document.definitions.filter((definition) => definition.kind === 'OperationDefinition');
    const operation = params.operationName
      ? operations.find((definition) => definition.name && definition.name.value === params.operationName)
      : operations[0];
    return operation !== undefined && operation.operation === 'subscription';
  }

  // Subscriptions run over the facade's own WebSocket (same origin, same path) with the
  // graphql-ws client the facade serves, authenticated with the editor's Authorization in
  // connection_init (a browser cannot put headers on a WebSocket). One client per credential:
  // editing the header opens a new socket rather than reusing another identity's.
  let socket = null;
  function subscriptionClient(authorization) {
    if (socket !== null && socket.authorization === authorization) return socket.client;
    if (socket !== null) socket.client.dispose();
    const url = new URL(config.endpoint, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = graphqlWs.createClient({
      url: url.href,
      lazy: true,
      retryAttempts: 0,
      connectionParams: authorization === undefined ? {} : { authorization },
    });
    socket = { authorization, client };
    return client;
  }

  function describeFailure(failure) {
    if (Array.isArray(failure)) return { errors: failure };
    if (failure && typeof failure.code === 'number') {
      return { errors: [{ message: `The WebSocket closed (${failure.code})${failure.reason ? `: ${failure.reason}` : ''}` }] };
    }
    return { errors: [{ message: failure instanceof Error ? failure.message : String(failure) }] };
  }

  // GraphiQL shows each result an async iterable yields. A plain object, not an async generator:
  // GraphiQL's Stop calls return(), which must end the subscription even while a next() waits
  // for an event (a generator would queue it behind that wait). A failure (a close, an error
  // message) is shown as one last result.
  function subscribe(client, payload) {
    const events = client.iterate(payload);
    let ended = false;
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next() {
        if (ended) return Promise.resolve({ value: undefined, done: true });
        return events.next().catch((failure) => {
          ended = true;
          return { value: describeFailure(failure), done: false };
        });
      },
      return() {
        ended = true;
        return events.return ? events.return() : Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  // Queries and mutations: a plain JSON POST, written here so the page needs no other library.
  async function fetcher(params, options) {
    const { headers, authorization } = editedHeaders(options);
    const payload = { ...params, variables: withJobId(params.variables) };
    if (isSubscription(params, options)) return subscribe(subscriptionClient(authorization), payload);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept')) {
      headers['Accept'] = 'application/graphql-response+json, application/json';
    }
    headers['Content-Type'] = 'application/json';
    const response = await fetch(config.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      credentials: 'same-origin',
    });
    const text = await response.text();
    let result;
    try {
      result = JSON.parse(text);
    } catch {
      // A proxy's HTML error page, say: show what happened instead of a JSON parse error.
      return { errors: [{ message: `HTTP ${response.status}: the response is not JSON` }] };
    }
    rememberJob(result);
    return result;
  }

  const tabs = config.tabs.map((tab) => ({
    query: tab.query,
    variables: tab.variables,
    headers: config.headers,
  }));

  // GraphiQL fills the editors it opens with from its initial values, not from the active tab:
  // the query falls back to the first tab's, but the variables do not (they stay empty until
  // another tab is opened, graphql/graphiql#3392, still so in GraphiQL 5). The first tab would
  // then run without its variables, so it gets them here. Its headers are `defaultHeaders`,
  // which every tab shares.
  const firstVariables = tabs.length > 0 ? tabs[0].variables : null;

  const props = {
    fetcher,
    // An empty list would leave GraphiQL with no tab at all; undefined gives its default tab.
    defaultTabs: tabs.length > 0 ? tabs : undefined,
    // Only read at start and whenever it changes, which it never does: editing stays free.
    variables: firstVariables === null ? undefined : firstVariables,
    defaultHeaders: config.headers === null ? undefined : config.headers,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    storage: createMemoryStorage(),
  };

  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();

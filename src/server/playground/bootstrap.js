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

  // A plain JSON POST, written here so the page needs no other library. Content-Type is always
  // ours: it is what lets the server's CSRF protection accept the request.
  async function fetcher(params, options) {
    const edited = (options && options.headers) || {};
    const headers = {};
    let hasAccept = false;
    for (const name of Object.keys(edited)) {
      const lower = name.toLowerCase();
      const value = String(edited[name]);
      // Header names are case-insensitive: fetch would merge a `content-type` key with ours.
      if (lower === 'content-type') continue;
      if (isUnfilledAuthorization(lower, value)) continue;
      if (lower === 'accept') hasAccept = true;
      headers[name] = value;
    }
    if (!hasAccept) headers['Accept'] = 'application/graphql-response+json, application/json';
    headers['Content-Type'] = 'application/json';
    const response = await fetch(config.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(params),
      credentials: 'same-origin',
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      // A proxy's HTML error page, say: show what happened instead of a JSON parse error.
      return { errors: [{ message: `HTTP ${response.status}: the response is not JSON` }] };
    }
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

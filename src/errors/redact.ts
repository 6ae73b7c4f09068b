/**
 * Removes configured secrets from any text before it leaves the process (responses, logs).
 * Defence in depth: messages are written not to contain credentials, and this catches the
 * ones that slip in through a library's error text (a URL with a token, a header echo).
 */
export interface Redactor {
  (text: string): string;
}

const MIN_SECRET_LENGTH = 4;

/** Builds a redactor for the given secrets; short or empty values are ignored (they would mask ordinary text). */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const unique = [...new Set([...secrets].filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  if (unique.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of unique) {
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    }
    return out;
  };
}

/** What a masked part of a value is shown as. */
export const MASK = "[redacted]";

/** Replaces every occurrence of the `known` secrets (longest first) in `text`. */
export function maskKnown(text: string, known: readonly string[]): string {
  let out = text;
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join(MASK);
  }
  return out;
}

/**
 * Masks the parts of a configuration value that may be secret, so an error message can still show what is
 * wrong with it: a bot token (`<id>:<secret>` keeps its id), anything after `//user:` up to `@`, query-string
 * values, the URL fragment, and any run of 20 or more token characters (a webhook secret or a token's secret
 * half pasted into a path).
 */
export function maskSecrets(value: string): string {
  return value
    .replace(/(\d+):[A-Za-z0-9_-]{20,}/g, `$1:${MASK}`)
    .replace(/(\/\/[^/?#@]*?:)[^/?#@]*@/g, `$1${MASK}@`)
    .replace(/([?&][^=&#]*=)[^&#]*/g, `$1${MASK}`)
    .replace(/#.*$/, `#${MASK}`)
    .replace(/[A-Za-z0-9_-]{20,}/g, (run) => (run === MASK ? run : MASK));
}

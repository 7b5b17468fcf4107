/** How often SQLite/memory stores delete expired records (unref'd timer). */
export const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

// Restricted so that "<scope>:<namespace>:<key>" can never be ambiguous (neither part may contain ":").
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws unless `name` is a safe scope/namespace identifier. */
export function checkName(what: "scope" | "namespace", name: string): void {
  if (!NAME.test(name)) {
    throw new TypeError(`storage ${what} must match ${NAME} (got ${JSON.stringify(name)})`);
  }
}

// The inbox, the health probe's key, and "update" (databases written by earlier versions hold expiring
// per-update marks there).
const RESERVED = new Set(["update", "inbox", "health"]);

/** Validates an adapter namespace and prefixes the optional scope: "session" → "123:session". */
export function adapterNamespace(scope: string | undefined, namespace: string): string {
  checkName("namespace", namespace);
  if (RESERVED.has(namespace)) {
    throw new TypeError(`storage namespace "${namespace}" is reserved for the store's own records`);
  }
  return scoped(scope, namespace);
}

/** Joins scope and namespace; the scope is validated once by each factory. */
export function scoped(scope: string | undefined, namespace: string): string {
  return scope === undefined ? namespace : `${scope}:${namespace}`;
}

/** Throws unless `ttl` is a positive whole number of seconds (what Redis `EX` accepts). */
export function checkTtl(ttl: number | undefined): void {
  if (ttl === undefined) return;
  if (!Number.isSafeInteger(ttl) || ttl <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer (got ${ttl})`);
  }
}

/** Throws unless `updateId` is a plausible Telegram update_id (non-negative safe integer). */
export function checkUpdateId(updateId: number): void {
  if (!Number.isSafeInteger(updateId) || updateId < 0) {
    throw new RangeError(`updateId must be a non-negative integer (got ${updateId})`);
  }
}

/** JSON-serialises a value, refusing values JSON cannot represent at top level (undefined, functions). */
export function encode(value: unknown): string {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError("storage values must be JSON-serialisable (got undefined or a function)");
  }
  return json;
}

/** Parses a stored value; the cast is the adapter's contract (we only ever read what `encode` wrote). */
export function decode<T>(json: string): T {
  return JSON.parse(json) as T;
}

/** Error thrown by every operation on a closed store, so late writes fail loudly instead of vanishing. */
export function closedError(kind: string): Error {
  return new Error(`${kind} store is closed`);
}

import type { StoreKind } from "./types.js";

/** What a storage operation was doing when it failed. */
export type StorageOp = "read" | "write" | "delete" | "mark" | "ping";

/**
 * A failed storage operation, carrying the backend, the operation and the kind of key (the namespace, e.g.
 * "session" or "conv"), and of the backend's error only its name, code and first line. Never the key's
 * value or the command's arguments: ioredis attaches every failed command's arguments to its errors
 * (`err.command.args`), so a failed `SET` would log a reader's whole session or conversation state (their
 * name, username and what they typed), and a failed `AUTH` the Redis password.
 */
export class StorageError extends Error {
  /** The backend's error code, e.g. "ECONNREFUSED", or the reply's first word, e.g. "OOM", "READONLY". */
  readonly code: string | undefined;

  constructor(
    readonly backend: StoreKind,
    readonly op: StorageOp,
    readonly namespace: string,
    cause: unknown,
  ) {
    const { name, code, message } = summarizeError(cause);
    super(`${backend} ${op} failed (${namespace}): ${message}`);
    this.name = "StorageError";
    this.code = code ?? name;
  }
}

/** The parts of a backend error that can be shown: its name, code and first line, 200 characters at most. */
export function summarizeError(error: unknown): { name: string; code: string | undefined; message: string } {
  if (!(error instanceof Error)) return { name: "Error", code: undefined, message: "unknown error" };
  const code = (error as { code?: unknown }).code;
  const firstLine = (error.message.split("\n")[0] ?? "").slice(0, 200);
  return { name: error.name, code: typeof code === "string" ? code : undefined, message: firstLine };
}

/**
 * An error safe to log from what a Redis client reported (its "error" event): name, code and first line
 * only, so neither `command.args` (AUTH's password) nor anything else ioredis attached comes along.
 */
export function redactedRedisError(error: unknown): Error {
  const { name, code, message } = summarizeError(error);
  const safe = new Error(message);
  safe.name = name;
  if (code !== undefined) Object.assign(safe, { code });
  return safe;
}

/** Runs one backend call, turning its failure into a {@link StorageError}. */
export async function storageCall<T>(
  backend: StoreKind,
  op: StorageOp,
  namespace: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StorageError(backend, op, namespace, error);
  }
}

/** Small value readers shared by the model's parts: Bot API payloads arrive as JSON or as form strings. */
import type { MessageEntity } from "grammy/types";

/** Chat ids arrive as numbers from JSON and as strings from form bodies; "@channel" names are unknown here. */
export function toChatId(value: unknown): number | undefined {
  return toInt(value);
}

/** An integer from a number or a numeric string. */
export function toInt(value: unknown): number | undefined {
  const n = toNumber(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** A finite number from a number or a numeric string. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** A Boolean flag as JSON (`true`) or a form field (`"true"`) carries it. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** A plain-object check that narrows `unknown` without casts. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Length in UTF-8 bytes, the unit of Telegram's byte limits (callback data, ids, offsets). */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Length in Unicode code points, the unit of Telegram's "characters" limits. */
export function charLength(s: string): number {
  return [...s].length;
}

/** Deep equality of JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isRecord(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = v[key];
    return sorted;
  });
}

/** Entities in Telegram's order: by offset, the longer (outer) one first. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** The error fetch rejects with when aborted. */
export function abortError(): Error {
  return new DOMException("This operation was aborted", "AbortError");
}

/** Whether an error is an abort (fetch's AbortError or the model's own). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/**
 * The part of AbortSignal the model uses. grammY on Node passes the `abort-controller` polyfill's signal,
 * which is not an instance of the global AbortSignal, so the model must duck-type it.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** setTimeout as a promise that an abort signal can cut short. */
export function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort);
  });
}

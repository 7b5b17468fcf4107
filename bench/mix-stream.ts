/** Feeds a mix as NDJSON (one update per line) to child processes that must not generate it themselves. */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { Mix, type MixOptions } from "./mix.js";

/** Lines per chunk written to a child. */
const CHUNK_LINES = 500;

/** The whole mix as NDJSON chunks (about 1 KB per update: button presses carry the message they sit on). */
export function mixChunks(options: MixOptions): string[] {
  const chunks: string[] = [];
  const mix = new Mix(options);
  const rounds = mix.history();
  for (let items = mix.round(); items.length > 0; items = mix.round()) rounds.push(items);
  for (const items of rounds) {
    for (let from = 0; from < items.length; from += CHUNK_LINES) {
      const lines = items.slice(from, from + CHUNK_LINES).map((item) => JSON.stringify(item.update));
      chunks.push(`${lines.join("\n")}\n`);
    }
  }
  return chunks;
}

/** Writes the chunks to one stream at the pace its reader takes them, then ends it. */
export async function feed(out: Writable, chunks: readonly string[]): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
}

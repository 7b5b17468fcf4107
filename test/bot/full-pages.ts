import type { MessageEntity } from "grammy/types";
import { decodeTarget } from "../../src/bot/routes.js";
import type { Harness } from "./harness.js";
import { updates } from "./harness.js";

/** One page of the full text as the reader sees it. */
export interface FullPage {
  text: string;
  entities: MessageEntity[];
}

/**
 * Opens the full text by its deep link (`full-ar`, `full-en`) and pages through it with its Next button,
 * returning every page in order: the full text comes a phone screen at a time.
 */
export async function fullTextPages(h: Harness, payload: string, lang: string): Promise<FullPage[]> {
  await h.send(updates.command(`/start ${payload}`, { lang }));
  let shown = h.last();
  const pages: FullPage[] = [];
  for (let i = 0; i < 20; i++) {
    const message = h.tg.getMessage(shown.chatId, shown.messageId);
    const entities = message && "entities" in message ? (message.entities ?? []) : [];
    pages.push({ text: shown.text, entities });
    const next = shown.buttons.find((b) => {
      const route = decodeTarget(b.data)?.route;
      return route?.to === "full" && /Next|التالي/u.test(b.text);
    });
    if (next === undefined) break;
    await h.press(shown, next.data, { lang });
    shown = h.shown(shown.chatId, shown.messageId);
  }
  return pages;
}

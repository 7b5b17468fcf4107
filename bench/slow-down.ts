/** Spots the rate limiter's "slow down" notice in an outgoing call, to prove the mix was not throttled. */
import { createI18n, LANGS } from "../src/bot/i18n.js";

/** A predicate over JSON request bodies: true when the body carries the notice in any language. */
export function slowDownDetector(): (body: string) => boolean {
  const i18n = createI18n("ar");
  const notices = LANGS.map((lang) => i18n.t(lang, "slow-down"));
  return (body) => notices.some((notice) => body.includes(notice));
}

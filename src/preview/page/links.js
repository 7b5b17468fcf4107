// Links as Telegram's clients treat them: which URLs may be opened, and which ones lead back into this bot.

/** Hosts Telegram's clients open in the app instead of the browser. */
const TELEGRAM_HOSTS = new Set(["t.me", "www.t.me", "telegram.me", "www.telegram.me", "telegram.dog"]);

/** A `start` parameter Telegram accepts: 1–64 characters of A–Z, a–z, 0–9, _ and -. */
const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;

/** Schemes a link in a message may open; anything else (javascript:, data:, …) is shown as text only. */
const OPENABLE = new Set(["http:", "https:", "mailto:", "tel:", "tg:"]);

/**
 * @typedef {{ kind: "start", payload: string }
 *   | { kind: "chat" }
 *   | { kind: "invalid-start", payload: string }} BotLink
 * What a link to this bot does when pressed: `start` sends `/start <payload>` into the chat; `chat` opens the
 * chat that is already open (nothing to do); `invalid-start` carries a parameter Telegram would drop.
 */

/**
 * Reads a link to this bot: `https://t.me/<bot>?start=<payload>` (also telegram.me, telegram.dog, no scheme,
 * and `tg://resolve?domain=<bot>&start=<payload>`). Returns null for a link anywhere else.
 * @param {string} href
 * @param {string | undefined} botUsername
 * @returns {BotLink | null}
 */
export function botLink(href, botUsername) {
  if (!botUsername) return null;
  const url = parseUrl(href);
  if (!url) return null;
  let username;
  if (url.protocol === "tg:") {
    if (url.hostname !== "resolve" && !url.pathname.startsWith("//resolve")) return null;
    username = url.searchParams.get("domain") ?? "";
  } else if (url.protocol === "http:" || url.protocol === "https:") {
    if (!TELEGRAM_HOSTS.has(url.hostname.toLowerCase())) return null;
    username = url.pathname.split("/")[1] ?? "";
  } else {
    return null;
  }
  if (username.toLowerCase() !== botUsername.toLowerCase()) return null;
  const start = url.searchParams.get("start");
  if (start === null) return { kind: "chat" };
  if (!START_PARAMETER.test(start)) return { kind: "invalid-start", payload: start };
  return { kind: "start", payload: start };
}

/**
 * The address a link may open, or null when it must not be opened (unparseable, or a scheme such as
 * `javascript:`). A URL without a scheme gets `http://`, as Telegram's clients do for `url` entities.
 * @param {string} href
 * @returns {string | null}
 */
export function safeHref(href) {
  const url = parseUrl(href);
  if (!url || !OPENABLE.has(url.protocol)) return null;
  return url.href;
}

/**
 * @param {string} href
 * @returns {URL | null}
 */
function parseUrl(href) {
  const trimmed = href.trim();
  if (trimmed === "") return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

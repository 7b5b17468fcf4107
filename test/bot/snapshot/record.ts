/**
 * Records every screen the bot shows for one story, in both interface languages: what each command, deep
 * link, typed name and button leads to (text, entities, button labels and the destination each button
 * opens). Written before the multi-story change so the migrated story can be proved unchanged.
 *
 * Buttons are recorded by their decoded destination, not their raw callback data: the data may change form
 * (it now carries the story), the destination must not.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import { decodeTarget } from "../../../src/bot/routes.js";
import type { ApiCall } from "../../helpers/fake-telegram.js";
import { createHarness, type Harness, updates } from "../harness.js";

/** One call of the bot, reduced to what the reader sees. */
export interface SeenCall {
  method: string;
  text?: string;
  entities?: MessageEntity[];
  buttons?: Array<{ text: string; to: string }>;
  /** The notice of an answered button press (`answerCallbackQuery`). */
  notice?: string;
}

/** What one input (a command, a typed text or a button press) caused. */
export interface Step {
  input: string;
  calls: SeenCall[];
}

/** The commands of the bot before the change, in help order. */
export const OLD_COMMANDS = [
  "start",
  "summary",
  "full",
  "sections",
  "quotes",
  "exchange",
  "people",
  "language",
  "help",
  "cancel",
] as const;

/** Turns raw callback data into a destination that survives a change of encoding. */
export type Destination = (data: string) => string;

function seen(call: ApiCall, destination: Destination): SeenCall {
  const out: SeenCall = { method: call.method };
  if (call.method === "answerCallbackQuery") {
    if (call.payload.text !== undefined) out.notice = String(call.payload.text);
    return out;
  }
  if (call.payload.text !== undefined) out.text = String(call.payload.text);
  const entities = call.payload.entities as MessageEntity[] | undefined;
  if (entities !== undefined) out.entities = entities;
  const markup = call.payload.reply_markup as InlineKeyboardMarkup | undefined;
  if (markup !== undefined) {
    out.buttons = markup.inline_keyboard
      .flat()
      .map((b) => ({ text: b.text, to: buttonDestination(b, destination) }));
  }
  return out;
}

/** Where a button leads: a callback's decoded route, a share button's inline query, a copy button's text. */
function buttonDestination(b: InlineKeyboardButton, destination: Destination): string {
  if ("callback_data" in b) return destination(b.callback_data);
  if ("switch_inline_query_chosen_chat" in b) return `share ${b.switch_inline_query_chosen_chat.query ?? ""}`;
  if ("copy_text" in b) return `copy ${b.copy_text.text}`;
  if ("url" in b) return `url ${b.url}`;
  return "";
}

/** The callback data of the buttons the calls sent (share, copy and URL buttons lead nowhere to press). */
function rawButtons(calls: readonly ApiCall[]): string[] {
  return calls.flatMap((call) => {
    const markup = call.payload.reply_markup as InlineKeyboardMarkup | undefined;
    return (
      markup?.inline_keyboard.flat().flatMap((b) => ("callback_data" in b ? [b.callback_data] : [])) ?? []
    );
  });
}

/**
 * The follow feature's routes: their screens show what the chat follows, which the walk itself would
 * change as it presses them. Their buttons are recorded (label and destination) but not pressed; the
 * follow screens have tests of their own (test/bot/features/follow.test.ts).
 */
const FOLLOW_ROUTES: ReadonlySet<string> = new Set([
  "follow",
  "following",
  "follow-topic",
  "unfollow-topic",
  "unfollow-all",
  "when",
  "set-when",
  "quiet",
  "set-quiet",
  "zones",
  "set-zone",
  "stop",
  "undo-stop",
  "open",
]);

/** Sorted so that the concurrent answer and edit of a press compare the same whatever order they went in. */
function ordered(calls: SeenCall[]): SeenCall[] {
  return [...calls].sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
}

/**
 * Walks every screen reachable from the old commands, deep links and typed names, breadth-first through
 * every button, in one language. `payloads` are the deep-link payloads to try (the old ones).
 */
export async function recordScreens(
  lang: "ar" | "en",
  payloads: readonly string[],
  destination: Destination,
  make: () => Harness = () => createHarness(),
): Promise<Step[]> {
  const h = make();
  const opts = { lang };
  const steps: Step[] = [];
  const queue: string[] = [];
  const queued = new Set<string>();
  const run = async (input: string, send: () => Promise<ApiCall[]>) => {
    const calls = await send();
    steps.push({ input, calls: ordered(calls.map((c) => seen(c, destination))) });
    for (const data of rawButtons(calls)) {
      if (FOLLOW_ROUTES.has(decodeTarget(data)?.route.to ?? "")) continue;
      const key = destination(data);
      if (!queued.has(key)) {
        queued.add(key);
        queue.push(data);
      }
    }
  };
  for (const command of OLD_COMMANDS) {
    await run(`/${command}`, () => h.send(updates.command(`/${command}`, opts)));
    await run("/cancel", () => h.send(updates.command("/cancel", opts)));
  }
  for (const payload of payloads) {
    await run(`/start ${payload}`, () => h.send(updates.command(`/start ${payload}`, opts)));
    await run("/cancel", () => h.send(updates.command("/cancel", opts)));
  }
  for (const typed of ["ترامب", "Peskov", "الرئيس", "نتنياهو", "fogel"]) {
    await run("/quotes", () => h.send(updates.command("/quotes", opts)));
    await run(`typed ${typed}`, () => h.send(updates.message(typed, opts)));
    await run("/cancel", () => h.send(updates.command("/cancel", opts)));
  }
  await run("/quotes بوتين", () => h.send(updates.command("/quotes بوتين", opts)));
  await run("typed مرحبا", () => h.send(updates.message("مرحبا", opts)));
  await run("group /quotes", () => h.send(updates.groupCommand("/quotes", opts)));
  await run("group /quotes نتنياهو", () => h.send(updates.groupCommand("/quotes نتنياهو", opts)));
  let n = 0;
  while (queue.length > 0) {
    const data = queue.shift() ?? "";
    n++;
    await run(`press ${destination(data)}`, () =>
      h.send(updates.callback(data, { ...opts, messageId: 20_000 + n, tg: h.tg })),
    );
    // Keep the walk in its language after pressing the other language's button.
    if (destination(data).includes('"set-language"') && !destination(data).includes(`"${lang}"`))
      await h.send(updates.callback(data.replace(/(ar|en)$/, lang), { ...opts, tg: h.tg }));
  }
  return steps;
}

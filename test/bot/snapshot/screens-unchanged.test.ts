/**
 * The migrated story shows exactly the screens it showed before stories became data: every text, entity,
 * button label and button destination in both languages, and the command menu. The fixture was recorded
 * from the bot as it was before the change (`RECORD_SCREENS=1` rewrites it, which only a deliberate change
 * of the screens may do).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandList } from "../../../src/bot/commands.js";
import { decodeTarget } from "../../../src/bot/routes.js";
import { createHarness, story } from "../harness.js";
import { recordScreens } from "./record.js";

const FIXTURE = "test/bot/snapshot/putin-trump-call.screens.json";

/** The deep-link payloads the bot understood before the change. */
const OLD_PAYLOADS = [
  "menu",
  "summary",
  "full",
  "full-en",
  "sections",
  "quotes",
  "exchange",
  "sources",
  "people",
  "help",
  "language",
  ...story.data.sections.map((s) => `section-${s.id}`),
  ...story.data.people.map((p) => `quotes-${p.id}`),
  ...story.data.people.map((p) => `person-${p.id}`),
];

/**
 * Where a button leads, in the old routes' terms. Buttons now carry their story's key (`pt.`), which must
 * be this story's; the prisoner-exchange screens became the story's card "exchange" (`{ to: "card", id:
 * "exchange" }`), which is what the old `{ to: "exchange" }` showed.
 */
function destination(data: string): string {
  const target = decodeTarget(data);
  if (target?.key !== story.key) return `not this story's: ${data}`;
  const route = target?.route;
  if (route?.to === "card" && route.id === "exchange") return JSON.stringify({ to: "exchange" });
  if (route?.to === "card-sources" && route.id === "exchange") return JSON.stringify({ to: "sources" });
  return JSON.stringify(route ?? null);
}

async function record() {
  const h = createHarness();
  return {
    commands: { ar: commandList(h.i18n, "ar", [story]), en: commandList(h.i18n, "en", [story]) },
    ar: await recordScreens("ar", OLD_PAYLOADS, destination),
    en: await recordScreens("en", OLD_PAYLOADS, destination),
  };
}

describe("the current story's screens", () => {
  it("are exactly those of the bot before stories became data", async () => {
    const now = await record();
    if (process.env.RECORD_SCREENS === "1" || !existsSync(FIXTURE)) {
      writeFileSync(FIXTURE, `${JSON.stringify(now, null, 1)}\n`);
    }
    const before = JSON.parse(readFileSync(FIXTURE, "utf8")) as typeof now;
    expect(now.ar.length).toBeGreaterThan(100);
    expect(now.commands).toEqual(before.commands);
    expect(now.ar).toEqual(before.ar);
    expect(now.en).toEqual(before.en);
  }, 120_000);
});

/**
 * Issue 20, Build 5: the wording readers flagged as machine-made, rewritten; one name per card; quotes
 * trimmed with "…" (never ".…") and in the interface's own quotation marks.
 */
import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import { registerProfile } from "../../../src/bot/profile.js";
import { createFakeFetch } from "../../helpers/fake-fetch.js";
import { FAKE_BOT_TOKEN, FakeTelegram } from "../../helpers/fake-telegram.js";
import { createHarness, type Harness, story, textOf, updates } from "../harness.js";

const bare = (text: string) => text.replace(/[\u200e\u200f\u2066-\u2069]/gu, "");

async function texts(h: Harness, ...inputs: Parameters<Harness["send"]>[0][]): Promise<string> {
  const out: string[] = [];
  for (const input of inputs) for (const call of await h.send(input)) out.push(bare(textOf(call)));
  return out.join("\n");
}

const GONE = [
  "وجدتُ في الخبر",
  "منقول عنه، لا اقتباساً مباشراً",
  "Reported of him, not a direct quote",
  "المقتبَس كلامهم",
  "ليس في هذا الخبر هذا الجزء",
  "Quotes of Donald Trump (7 quotes)",
  "أكثر من ثلاث سنوات في السجن",
  "Prisoner swap",
  "Prisoner-exchange details",
  "Exchange card",
  "بطاقة التبادل",
];

describe.each(["ar", "en"] as const)("the wording (%s)", (lang) => {
  it("has none of the machine-made lines the readers flagged", async () => {
    const h = createHarness();
    const all = await texts(
      h,
      updates.command("/start quotes-trump", { lang }),
      updates.command("/start person-trump", { lang }),
      updates.command("/exchange", { lang }),
      updates.command("/start", { lang }),
      updates.command("/help", { lang }),
      updates.command("/quotes nobody", { lang }),
      updates.message("الحرب", { lang }),
    );
    for (const line of GONE) expect(all, line).not.toContain(line);
    expect(all).toContain(
      lang === "ar" ? "ما قاله دونالد ترامب: 7 اقتباسات" : "What Donald Trump said: 7 quotes",
    );
    expect(all).toContain(lang === "ar" ? "ينقل الخبر كلام: " : "The story quotes ");
    expect(all).toContain(
      lang === "ar"
        ? "🗣 ما نقله الخبر عنه بتصرّف، لا بنصّ كلامه:"
        : "🗣 What the story reports him saying, not in his own words:",
    );
    expect(all).toContain(
      lang === "ar" ? "مدة سجنه: أكثر من ثلاث سنوات." : "Time held: More than three years.",
    );
  });

  it("names the card one way: its title, its button, its command and its help phrase", async () => {
    const card = story.cards.get("exchange");
    const name = lang === "ar" ? "تبادل السجناء" : "prisoner exchange";
    expect(card?.title[lang]?.toLowerCase()).toContain(name);
    for (const label of ["command", "help", "sources"] as const)
      expect(card?.labels?.[label]?.[lang]?.toLowerCase(), label).toContain(name);
    const short = lang === "ar" ? "🔁 التبادل" : "🔁 The exchange";
    expect(card?.labels?.button?.[lang]).toBe(short);
    expect(card?.labels?.back?.[lang]).toBe(short);
  });

  it("a group's toast and the bot's description read as written by hand", async () => {
    const h = createHarness();
    const group = { chatType: "supergroup" as const, userId: 50, lang: lang === "ar" ? "en" : "ar" };
    await h.send(updates.groupCommand("/start", group));
    const menu = h.last(updates.DEFAULT_SUPERGROUP_ID);
    const calls = await h.press(menu, "pt.h", { chatType: "supergroup", userId: 51, lang });
    const toast = String(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text ?? "");
    expect(toast).toBe(
      lang === "ar"
        ? "يكتب البوت في هذه المجموعة بالإنجليزية للجميع. لتقرأ بالعربية، راسله في محادثة خاصة."
        : "In this group the bot writes in Arabic for everyone. To read in English, message the bot privately.",
    );
    const tg = new FakeTelegram();
    await registerProfile(new Api(FAKE_BOT_TOKEN, { fetch: createFakeFetch(tg) }), createI18n("en"), "en", [
      story,
    ]);
    expect(tg.profile.description.get("ar")).not.toContain("ومن هو من");
    expect(tg.profile.shortDescription.get("ar")).not.toContain("ومن هو من");
  });

  it("trims quotes with a plain '…' and quotes them in the interface's own marks", async () => {
    const h = createHarness();
    const all = await texts(
      h,
      updates.command("/start person-zelensky", { lang }),
      updates.command("/start person-fogel", { lang }),
      updates.command("/start person-putin", { lang }),
      updates.message(lang === "ar" ? "في" : "the", { lang }),
    );
    expect(all).not.toMatch(/[.,،]…/u);
    if (lang === "en") {
      expect(all).not.toMatch(/[«»]/u);
      expect(all).toContain("“…We also agreed");
    } else {
      expect(all).toContain("«…");
    }
  });
});

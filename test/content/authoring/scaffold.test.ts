import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as v from "valibot";
import { afterEach, describe, expect, it } from "vitest";
import { type DraftStory, isHeadingLine, scaffoldStory } from "../../../src/content/authoring/scaffold.js";
import { findQuotedSpans } from "../../../src/content/quoted-spans.js";
import { SpecStory } from "../spec-shape.js";

const ARTICLES = "test/fixtures/articles";
const SOURCE = readFileSync(join(ARTICLES, "putin-trump-call.ar.txt"));
const run = promisify(execFile);

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "khabar-scaffold-"));
  temps.push(dir);
  return dir;
}

/**
 * Each article with what an editor would write down by hand: the speaker of every quoted span (by the
 * name the text gives them, in reading order), every person it names, the gender its verbs, pronouns and
 * titles show, and the reported speech it attributes. The scaffolder must find all of it and nothing else.
 */
interface Expected {
  file: string;
  speakers: Array<string | undefined>;
  people: Record<string, "m" | "f" | undefined>;
  statements: Array<[paragraph: string, speaker: string | undefined, start: string]>;
}
const EXPECTED: Expected[] = [
  {
    // Two surnames with «ال», one a woman («وقالت الخطيب», then «وأضافت:»), a title alone («أكد
    // الوزير»), a speaker before «فقال», and ordinary words opening sentences («واستغرق», «وعدد»).
    file: "desalination.ar.txt",
    speakers: ["ليلى الخطيب", "ليلى الخطيب", "كريم العمري", "يوسف منصور"],
    people: { "كريم العمري": "m", "ليلى الخطيب": "f", "يوسف منصور": "m" },
    statements: [
      ["p5", "كريم العمري", "الحكومة ستبني محطتين"],
      ["p9", undefined, "المياه ستصل إلى المنازل"],
    ],
  },
  {
    // An attribution after the quote by title alone («قالت الوزيرة»), «أشار … إلى أن», «وتابع قائلا:».
    file: "museum.ar.txt",
    speakers: ["هدى السعدي", "سامر النجار"],
    people: { "هدى السعدي": "f", "سامر النجار": "m" },
    statements: [
      ["p3", "سامر النجار", "القاعات الجديدة تضم"],
      ["p5", "سامر النجار", "الدخول سيكون مجانيا"],
    ],
  },
  {
    // `said Councillor …`, `Lopez added`, `He added:` and then `She said:`, which goes back to the woman,
    // not to the last speaker; capitalised places and institutions are no one.
    file: "ferry.en.txt",
    speakers: ["Maria Lopez", "Maria Lopez", "Tom Becker", "Maria Lopez"],
    people: { "Maria Lopez": "f", "Tom Becker": "m", "Priya Shah": undefined },
    statements: [
      ["p3", "Tom Becker", "the boats would run"],
      ["p6", "Tom Becker", "two more boats would join"],
    ],
  },
  {
    // The real article: «وقال بيسكوف», «من جانبه قال ترامب», six «وأضاف/وتابع/وختم» that continue him,
    // names inside his quote, two spellings of Fogel, and «مسؤولان أميركيان», who are nobody by name.
    file: "putin-trump-call.ar.txt",
    speakers: ["دميتري بيسكوف", ...Array<string>(8 - 1).fill("دونالد ترامب"), "دميتري بيسكوف"],
    people: {
      "فلاديمير بوتين": undefined,
      "دونالد ترامب": "m",
      "دميتري بيسكوف": "m",
      زيلينسكي: undefined,
      "ماركو روبيو": undefined,
      "جون راتكليف": undefined,
      "مايكل والتز": undefined,
      "ستيف ويتكوف": undefined,
      "مارك فوجل": "m",
      "ألكسندر فينيك": "m",
    },
    statements: [
      ["p11", undefined, "يجرى اتخاذ إجراءات"],
      ["p12", "دميتري بيسكوف", "بوتين بحث خلال المحادثة"],
      ["p14", "دونالد ترامب", "سينهي الحرب في أوكرانيا"],
    ],
  },
];

describe.each(EXPECTED)("scaffolding $file", ({ file, speakers, people, statements }) => {
  const bytes = readFileSync(join(ARTICLES, file));
  const { story, notes } = scaffoldStory(bytes, { id: "draft", title: "T", standfirst: "S" });
  const lang = story.language;
  const nameOf = new Map((story.people ?? []).map((p) => [p.id, p.name[lang]]));

  it("gives every quoted span its speaker", () => {
    expect((story.quotes ?? []).map((q) => (q.speaker ? nameOf.get(q.speaker) : undefined))).toEqual(
      speakers,
    );
  });

  it("finds its people, their gender where the text shows it, and invents nobody", () => {
    const found = Object.fromEntries((story.people ?? []).map((p) => [p.name[lang], p.gender]));
    expect(found).toEqual(people);
    for (const person of story.people ?? []) {
      for (const alias of person.aliases) expect(bytes.toString("utf8")).toContain(alias);
      expect(person.mentions.length).toBeGreaterThan(0);
    }
  });

  it("drafts reported speech as statements, with a note where the speaker is unknown", () => {
    const drafted = (story.statements ?? []).map((s) => [
      s.paragraph,
      s.speaker ? nameOf.get(s.speaker) : undefined,
      s[lang] ?? "",
    ]);
    expect(drafted.map(([p, s]) => [p, s])).toEqual(statements.map(([p, s]) => [p, s]));
    drafted.forEach(([paragraph, , text = ""], i) => {
      expect(text.startsWith(statements[i]?.[2] ?? "-")).toBe(true);
      const body = story.sections.flatMap((s) => s.paragraphs).find((p) => p.id === paragraph)?.[lang];
      expect(body).toContain(text);
      expect(text).not.toMatch(/["«»“”]/);
    });
    const unknown = statements.filter(([, s]) => s === undefined).length;
    expect(notes.filter((n) => /^statement .*no speaker/.test(n))).toHaveLength(unknown);
  });

  it("is a draft in the agreed format, pinned to the article's hash", () => {
    expect(v.safeParse(SpecStory, story).issues ?? []).toEqual([]);
    expect(story.draft).toBe(true);
    expect(story.sourceSha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(JSON.stringify(story)).not.toMatch(/"summary"|"role"/);
  });
});

describe("scaffolding the real article", () => {
  const draft = scaffoldStory(SOURCE, { id: "draft-call" }).story;
  it("keeps its 14 paragraphs and one subheading, and both spellings of Fogel as one person", () => {
    expect(draft.sections.flatMap((s) => s.paragraphs)).toHaveLength(14);
    expect(draft.sections.flatMap((s) => (s.heading ? [s.heading] : []))).toEqual(["صفقة تبادل للسجناء"]);
    const fogel = (draft.people ?? []).find((p) => p.aliases.includes("فوغل") || p.aliases.includes("فوجل"));
    expect(fogel?.aliases).toEqual(expect.arrayContaining(["مارك فوجل", "مارك فوغل"]));
  });
});

describe("scaffolding rules", () => {
  it("finds straight, guillemet and curly quotes, keeping nested marks inside their span", () => {
    const spans = findQuotedSpans('قال: «نريد "السلام" الآن» ثم "نعم" و“لا” و"غير مغلق');
    expect(spans.map((s) => s.text)).toEqual(['نريد "السلام" الآن', "نعم", "لا"]);
  });

  it("takes short lines without final punctuation as subheadings", () => {
    expect(isHeadingLine("صفقة تبادل للسجناء")).toBe(true);
    expect(isHeadingLine('وأضاف: "نعم".')).toBe(false);
    expect(isHeadingLine("وقال:")).toBe(false);
  });

  it("guesses Arabic speakers after feminine verbs, titles and «وختم … قائلا:»", () => {
    const text = [
      "أعلنت وزيرة الصحة سارة أحمد خطة جديدة للمستشفيات.",
      'وقالت أحمد للصحفيين: "سنفتتح عشرة مستشفيات".',
      'وأضافت: "التمويل مضمون".',
      'وقال الناطق باسم الوزارة خالد يوسف إن الخطة "ستبدأ فورا".',
      'وختم الناطق باسم الوزارة قائلا: "لا تأخير".',
    ].join("\n");
    const { story } = scaffoldStory(Buffer.from(text), { id: "health" });
    const names = new Map((story.people ?? []).map((p) => [p.id, p.name.ar]));
    expect(story.quotes?.map((q) => [q.ar, names.get(q.speaker ?? "")])).toEqual([
      ["سنفتتح عشرة مستشفيات", "سارة أحمد"],
      ["التمويل مضمون", "سارة أحمد"],
      ["ستبدأ فورا", "خالد يوسف"],
      ["لا تأخير", "خالد يوسف"],
    ]);
    expect([...names.values()].sort()).toEqual(["خالد يوسف", "سارة أحمد"]);
  });

  it("guesses speakers of an English article and continues the previous one", () => {
    const text = [
      "The mayor met the council on Monday.",
      'Mayor Jane Doe said: "We will fix the roads."',
      'She added: "And the bridges."',
      '"No money is left," John Smith told reporters.',
      "Budget talks",
      'Smith said the city had "a plan" for next year.',
    ].join("\n");
    const { story } = scaffoldStory(Buffer.from(text), { id: "roads" });
    expect(story.language).toBe("en");
    expect(story.sections.map((s) => s.heading)).toEqual([undefined, "Budget talks"]);
    const names = new Map((story.people ?? []).map((p) => [p.id, p.name.en]));
    expect(story.quotes?.map((q) => [q.en, names.get(q.speaker ?? "")])).toEqual([
      ["We will fix the roads.", "Jane Doe"],
      ["And the bridges.", "Jane Doe"],
      ["No money is left,", "John Smith"],
      ["a plan", "John Smith"],
    ]);
  });

  it("takes an English speaker before an apposition, and no institution as a person", () => {
    const text = [
      "The new library opened on Monday.",
      '"It is open to everyone," said Salma Haddad, the library\'s director.',
      'Mona Youssef, a mother of three, said: "I came for my children."',
      "The Ministry of Culture said the project cost twenty million dollars.",
      "Northport Council said the roads would close.",
    ].join("\n");
    const { story } = scaffoldStory(Buffer.from(text), { id: "library" });
    const names = new Map((story.people ?? []).map((p) => [p.id, p.name.en]));
    expect([...names.values()]).toEqual(["Salma Haddad", "Mona Youssef"]);
    expect(story.quotes?.map((q) => names.get(q.speaker ?? ""))).toEqual(["Salma Haddad", "Mona Youssef"]);
    expect(story.statements?.map((st) => st.speaker)).toEqual([undefined, undefined]);
  });

  it("takes an Arabic speaker after «قالت» and an unlisted role, and «وختمت … بالقول:»", () => {
    const text = [
      "افتتحت الوزارة المكتبة الوطنية أمس.",
      'وقالت مديرة المكتبة سلمى الحداد إن "المكتبة للجميع".',
      '"جئت مع أطفالي"، قالت الزائرة منى يوسف.',
      'وختمت الحداد بالقول: "الكتاب صديقنا".',
    ].join("\n");
    const { story } = scaffoldStory(Buffer.from(text), { id: "library" });
    const names = new Map((story.people ?? []).map((p) => [p.id, p.name.ar]));
    expect(story.quotes?.map((q) => names.get(q.speaker ?? ""))).toEqual([
      "سلمى الحداد",
      "منى يوسف",
      "سلمى الحداد",
    ]);
    expect((story.people ?? []).map((p) => p.gender)).toEqual(["f", "f"]);
  });

  it("reads verbs and «أنّ» written with shadda, and other verbs of speech («ذكرت»)", () => {
    const text = [
      "افتتحت الجامعة مكتبتها الجديدة بحضور رئيس الجامعة الدكتور عادل الزعبي.",
      "وأكّدت أمينة المكتبة هالة النمري أنّ القاعات ستبقى مفتوحة ليلاً.",
      "وذكرت النمري أن عدد الكتب تجاوز مئتي ألف.",
      'وقال الزعبي في كلمته: "المكتبة قلب الجامعة".',
    ].join("\n");
    const { story } = scaffoldStory(Buffer.from(text), { id: "campus" });
    const names = new Map((story.people ?? []).map((p) => [p.id, p.name.ar]));
    expect(story.quotes?.map((q) => names.get(q.speaker ?? ""))).toEqual(["عادل الزعبي"]);
    expect(story.statements?.map((st) => [names.get(st.speaker ?? ""), st.ar])).toEqual([
      ["هالة النمري", "القاعات ستبقى مفتوحة ليلاً"],
      ["هالة النمري", "عدد الكتب تجاوز مئتي ألف"],
    ]);
  });

  it("leaves out a speaker it cannot guess and says so", () => {
    const { story, notes } = scaffoldStory(Buffer.from('رفعت اللافتة شعار "لا للحرب" أمام المبنى.'), {
      id: "sign",
    });
    expect(story.quotes).toEqual([{ id: "quote-1", paragraph: "p1", ar: "لا للحرب" }]);
    expect(notes.join("\n")).toMatch(/quote-1 .*no speaker/);
  });

  it("refuses an article with CRLF line endings, a byte-order mark or blank lines, naming them", () => {
    expect(() => scaffoldStory(Buffer.from("سطر أول.\r\nسطر ثان.\r\n"), { id: "x" })).toThrow(/CRLF/);
    expect(() => scaffoldStory(Buffer.from("\uFEFFسطر أول."), { id: "x" })).toThrow(/byte-order mark/);
    expect(() => scaffoldStory(Buffer.from("سطر أول.\n\nسطر ثان.\n"), { id: "x" })).toThrow(
      /1 blank line\(s\) \(line 2\)/,
    );
  });
});

describe("npm run story:new", () => {
  const script = ["--import", "tsx", "scripts/story-new.ts"];

  it("creates the folder under CONTENT_DIR with the article byte for byte, and never overwrites it", async () => {
    const content = tempDir();
    const env = { ...process.env, CONTENT_DIR: content };
    const { stdout } = await run(
      process.execPath,
      [...script, join(ARTICLES, "putin-trump-call.ar.txt"), "--id", "call-2"],
      {
        env,
      },
    );
    expect(stdout).toMatch(
      /14 paragraphs in 2 section\(s\) \(1 subheading\(s\)\), 9 quoted span\(s\), 3 reported statement\(s\), 10 people/,
    );
    expect(stdout).toMatch(/note: statement statement-r1 in paragraph p11: no speaker found/);
    const dir = join(content, "call-2");
    expect(readdirSync(dir).sort()).toEqual(["source.ar.txt", "story.json"]);
    expect(readFileSync(join(dir, "source.ar.txt")).equals(SOURCE)).toBe(true);
    const story = JSON.parse(readFileSync(join(dir, "story.json"), "utf8")) as DraftStory;
    expect(story).toMatchObject({ id: "call-2", language: "ar", draft: true });
    expect(story.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    writeFileSync(join(dir, "story.json"), "{}");
    const again = await run(
      process.execPath,
      [...script, join(ARTICLES, "putin-trump-call.ar.txt"), "--id", "call-2"],
      {
        env,
      },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(again?.code).toBe(2);
    expect(again?.stderr).toMatch(/already exists; story:new never overwrites/);
    expect(readFileSync(join(dir, "story.json"), "utf8")).toBe("{}");
  });

  it("takes --content, --title and --published", async () => {
    const content = join(tempDir(), "stories");
    mkdirSync(content);
    await run(process.execPath, [
      ...script,
      join(ARTICLES, "putin-trump-call.ar.txt"),
      "--id",
      "call-3",
      "--content",
      content,
      "--title",
      "اتصال هاتفي",
      "--published",
      "2025-02-12",
    ]);
    const story = JSON.parse(readFileSync(join(content, "call-3", "story.json"), "utf8")) as DraftStory;
    expect(story.title).toEqual({ ar: "اتصال هاتفي" });
    expect(story.published).toBe("2025-02-12");
  });

  it("explains a bad id", async () => {
    const failure = await run(process.execPath, [
      ...script,
      join(ARTICLES, "putin-trump-call.ar.txt"),
      "--id",
      "Call 2",
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--id "Call 2" must be lower-case ASCII/);
  });
});

/**
 * `npm run story:new -- <source.txt> --id <slug> [--title "…"] [--standfirst "…"] [--published YYYY-MM-DD]
 * [--content <dir>]`: makes the draft folder `<CONTENT_DIR>/<slug>/` from a plain article: the article copied
 * byte for byte as `source.<language>.txt`, and a `story.json` with `"draft": true` holding what the text
 * says (sections, paragraphs, quoted spans with guessed speakers, reported statements, people). It never overwrites a folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { config as loadDotenv } from "dotenv";
import { ScaffoldError, scaffoldStory } from "../src/content/authoring/scaffold.js";
import { ID_PATTERN, MAX_ID_LENGTH } from "../src/content/schema.js";

const USAGE =
  'usage: npm run story:new -- <source.txt> --id <slug> [--title "…"] [--standfirst "…"] ' +
  "[--published YYYY-MM-DD] [--content <dir>]";

function fail(message: string): never {
  console.error(`story:new: ${message}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        id: { type: "string" },
        title: { type: "string" },
        standfirst: { type: "string" },
        published: { type: "string" },
        content: { type: "string" },
      },
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}
const { values, positionals } = parse();
const [sourcePath, ...extra] = positionals;
if (sourcePath === undefined || extra.length > 0) fail(`give exactly one article file\n${USAGE}`);
const id = values.id;
if (id === undefined)
  fail(`--id is required: the story's folder name and id, such as "city-budget"\n${USAGE}`);
if (!ID_PATTERN.test(id) || id.length > MAX_ID_LENGTH) {
  fail(
    `--id "${id}" must be lower-case ASCII letters, digits and inner hyphens, at most ${MAX_ID_LENGTH} long`,
  );
}
if (
  values.published !== undefined &&
  !/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.test(values.published)
) {
  fail(`--published "${values.published}" must be an ISO date such as 2025-02-12`);
}

// `.env` never overrides the real environment, as for the bot.
loadDotenv({ quiet: true });
const contentDir = values.content ?? process.env.CONTENT_DIR ?? "content";
const target = join(contentDir, id);
if (existsSync(target))
  fail(`${target} already exists; story:new never overwrites a story (pick another --id)`);

let bytes: Buffer;
try {
  bytes = readFileSync(sourcePath);
} catch {
  fail(`cannot read ${sourcePath}`);
}
let scaffold: ReturnType<typeof scaffoldStory>;
try {
  scaffold = scaffoldStory(bytes, {
    id,
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.standfirst !== undefined ? { standfirst: values.standfirst } : {}),
    ...(values.published !== undefined ? { published: values.published } : {}),
  });
} catch (error) {
  if (error instanceof ScaffoldError) fail(`${sourcePath}: ${error.message}`);
  throw error;
}
const { story, notes } = scaffold;

mkdirSync(target, { recursive: true });
writeFileSync(join(target, `source.${story.language}.txt`), bytes);
writeFileSync(join(target, "story.json"), `${JSON.stringify(story, null, 2)}\n`);

const paragraphs = story.sections.reduce((n, s) => n + s.paragraphs.length, 0);
const headings = story.sections.filter((s) => s.heading !== undefined).length;
console.log(`created ${target} (draft, ${story.language === "ar" ? "Arabic" : "English"} original)`);
console.log(
  `  ${paragraphs} paragraphs in ${story.sections.length} section(s) (${headings} subheading(s)), ` +
    `${story.quotes?.length ?? 0} quoted span(s), ${story.statements?.length ?? 0} reported statement(s), ` +
    `${story.people?.length ?? 0} people to confirm`,
);
for (const note of notes) console.log(`  note: ${note}`);
console.log("next:");
if (story.title === undefined) console.log(`  - add the title ("title": { "${story.language}": "…" })`);
if (story.standfirst === undefined)
  console.log(`  - add the standfirst ("standfirst": { "${story.language}": "…" })`);
console.log(
  "  - confirm each quote's speaker, and move spans that are not direct quotes to notQuotes with a reason",
);
console.log(
  "  - confirm each statement (reported speech, never shown as a quote): its speaker and where it ends",
);
console.log(
  "  - check people, rename their draft ids if you like, add roles, translations and a summary if wanted",
);
console.log(`  - run npm run content:check -- ${target} until it says ok, then remove "draft": true`);

/**
 * `npx tsx bench/search.ts`: what one typed query costs the text library on the real story (not part of
 * `npm run bench` or `npm test`). Builds the search and name indexes from content/putin-trump-call/
 * story.json, read as plain JSON, then times each kind of query over many repetitions after a warm-up and
 * prints microseconds per call: CPU time (median of 7 batches) and wall time. The figure to quote is the CPU
 * time of `search` over all queries.
 *
 * Options: `--rounds=N` repetitions of each query list (default 2,000).
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { NameIndex } from "../src/text/name-match.js";
import { buildSearchIndex } from "../src/text/search-index.js";
import { storyPassages, storyPeople } from "../test/text/fixtures/story-text.js";

const roundsArg = process.argv.find((arg) => arg.startsWith("--rounds="));
const ROUNDS = roundsArg === undefined ? 2_000 : Number(roundsArg.slice("--rounds=".length));

const QUERIES: Record<string, readonly string[]> = {
  "one word": ["الكرملين", "Kremlin", "Pennsylvania", "أوكرانيا", "Ukraine", "بوتين", "Putin", "2022"],
  "word with clitic": ["والشرق", "للسجناء", "بالرئيس", "وترامب", "ولأوكرانيا"],
  phrase: ["تبادل السجناء", "prisoner exchange", "the White House", "محادثة هاتفية", "the Middle East"],
  "several words": ["Putin Trump", "بوتين ترامب الحرب", "Fogel teacher Pennsylvania", "war Ukraine quickly"],
  "nothing found": ["asdfghjkl", "كخكخكخ", "😀", "Trump banana", "Pensylvnia"],
  "long (> 256 chars)": ["Putin Trump ".repeat(30), "مقال ".repeat(80)],
};

/** Batches per figure: the machine is shared, so the median of several batches is the figure. */
const BATCHES = 7;
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")} on ${cpus().length} cores`,
);

/**
 * Runs `run` over every item `ROUNDS` times after a warm-up, in {@link BATCHES} batches; prints, in µs per
 * item, the median and best batch of wall time and the median of this process's CPU time (user + system,
 * which other processes on the shared machine inflate less), and returns the median CPU time.
 */
function time(label: string, items: readonly string[], run: (item: string) => number): number {
  let sink = 0;
  for (let round = 0; round < 100; round++) for (const item of items) sink += run(item);
  const perBatch = Math.max(1, Math.round(ROUNDS / BATCHES));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let round = 0; round < perBatch; round++) for (const item of items) sink += run(item);
    const used = process.cpuUsage(cpuStart);
    const calls = perBatch * items.length;
    wall.push(((performance.now() - start) * 1000) / calls);
    cpu.push((used.user + used.system) / calls);
  }
  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const best = Math.min(...wall);
  // The sink keeps the calls from being optimised away.
  console.log(
    `${label.padEnd(36)} ${median(cpu).toFixed(2).padStart(7)} µs CPU; wall ${median(wall).toFixed(2).padStart(7)} µs median, ${best.toFixed(2).padStart(7)} best${sink === -1 ? "!" : ""}`,
  );
  return median(cpu);
}

const passages = storyPassages();
const people = storyPeople();
const characters = passages.reduce((sum, passage) => sum + passage.text.length, 0);
console.log(
  `Story: ${passages.length} passages, ${characters} characters, ${people.length} people; ${ROUNDS} rounds\n`,
);

const builds = 20;
const buildStart = performance.now();
for (let i = 0; i < builds; i++) buildSearchIndex(passages);
const buildMs = (performance.now() - buildStart) / builds;
console.log(`${"build search index (once, at load)".padEnd(36)} ${buildMs.toFixed(2).padStart(8)} ms`);

const index = buildSearchIndex(passages);
const names = new NameIndex(people);

console.log("\nindex.search, per query:");
for (const [kind, queries] of Object.entries(QUERIES))
  time(`  ${kind}`, queries, (q) => index.search(q).length);
const perSearch = time("  all queries (mean)", Object.values(QUERIES).flat(), (q) => index.search(q).length);

console.log("\nper call:");
const typos = ["الكرملن", "Pensylvnia", "Zelinsky", "Ukriane", "asdfghjkl", "بنسلفنيا"];
const perSuggest = time("  index.suggest (typos, nonsense)", typos, (w) => index.suggest(w)?.distance ?? 0);
const nameInputs = ["ترامب", "وترامب", "بالرئيس", "Kremlin spokesman", "Trump", "ترانب", "trmp", "asdf"];
const perMatch = time("  names.match", nameInputs, (input) => names.match(input).length);
const perNameSuggest = time("  names.suggest", nameInputs, (input) => names.suggest(input).length);

console.log(
  `\nMean CPU time per call: search ${perSearch.toFixed(2)} µs, suggest ${perSuggest.toFixed(2)} µs, ` +
    `names.match ${perMatch.toFixed(2)} µs, names.suggest ${perNameSuggest.toFixed(2)} µs`,
);

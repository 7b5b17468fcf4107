/**
 * What an editor has started but not finished, as a to-do list: a translation given for some texts but not
 * all, roles given to some people but not all, quotes still without a speaker. Optional parts the editor
 * never started are not listed: a story needs no translation, no roles, no summary.
 *
 * It reads story.json as plain JSON, not through the schema, so it can speak while the schema still fails
 * (a draft) and whatever shape the schema has.
 */
import type { Problem } from "../problem.js";

/** One thing still to do, where it is in story.json. */
export interface TodoItem {
  path: string;
  /** How the editor knows it: an id, or the path when there is none. */
  label: string;
  /** A sentence saying what to do, when the label alone does not. */
  detail?: string;
  /** The schema refuses the story until this is done. */
  required?: boolean;
}

/** One optional part the editor started, how far it got, and what is left. */
export interface TodoGroup {
  part: string;
  progress: string;
  items: TodoItem[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Names for the kinds of localised text, by their path without indices. */
const KINDS: Readonly<Record<string, string>> = {
  title: "title",
  standfirst: "standfirst",
  "sections[].title": "section titles",
  "sections[].paragraphs[]": "paragraphs",
  "sections[].paragraphs[].note": "paragraph notes",
  "summary[]": "summary points",
  "people[].name": "people's names",
  "people[].role": "people's roles",
  "quotes[]": "quotes",
  "statements[]": "statements",
  "cards[].title": "card titles",
  "cards[].groups[].title": "card group titles",
  "cards[].groups[].facts[].label": "fact labels",
  "cards[].groups[].facts[].text": "fact texts",
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { ar: "Arabic", en: "English" };

interface Slot {
  path: string;
  kind: string;
  label: string;
  translated: boolean;
}

/** Every localised text of the story (an object holding the original's language), with where it is. */
function localisedSlots(data: Json, lang: string, other: string): Slot[] {
  const slots: Slot[] = [];
  const walk = (value: unknown, path: string, kind: string, owner: string | undefined) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`, `${kind}[]`, owner);
      });
      return;
    }
    if (!isObject(value)) return;
    const id = typeof value.id === "string" ? value.id : owner;
    if (path !== "" && typeof value[lang] === "string") {
      slots.push({ path, kind, label: id ?? path, translated: typeof value[other] === "string" });
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === lang || key === other) continue;
      walk(child, path ? `${path}.${key}` : key, kind ? `${kind}.${key}` : key, id);
    }
  };
  walk(data, "", "", undefined);
  return slots;
}

function translationTodos(data: Json): TodoGroup[] {
  const lang = data.language;
  if (lang !== "ar" && lang !== "en") return [];
  const other = lang === "ar" ? "en" : "ar";
  const slots = localisedSlots(data, lang, other);
  const done = slots.filter((s) => s.translated).length;
  if (done === 0 || done === slots.length) return [];
  const byKind = new Map<string, Slot[]>();
  for (const slot of slots.filter((s) => !s.translated)) {
    const kind = KINDS[slot.kind] ?? slot.kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), slot]);
  }
  const items = [...byKind].flatMap(([kind, missing]) =>
    missing.map((slot) => ({ path: `${slot.path}.${other}`, label: slot.label, detail: kind })),
  );
  return [
    {
      part: `${LANGUAGE_NAMES[other]} translation ("${other}")`,
      progress: `${done} of ${slots.length} texts translated`,
      items,
    },
  ];
}

/** Optional fields that, once given to one item of a list, the others should have too. */
const FIELDS: ReadonlyArray<{ list: string; field: string; part: string; of: string }> = [
  { list: "people", field: "role", part: "roles", of: "people" },
  { list: "people", field: "gender", part: "genders (m/f)", of: "people" },
  { list: "people", field: "aliases", part: "aliases", of: "people" },
  { list: "people", field: "mentions", part: "mentions", of: "people" },
  { list: "sections", field: "title", part: "section titles", of: "sections" },
  { list: "summary", field: "paragraphs", part: "supporting paragraphs", of: "summary points" },
];

function fieldTodos(data: Json): TodoGroup[] {
  const groups: TodoGroup[] = [];
  for (const { list: name, field, part, of } of FIELDS) {
    const items = list(data[name]);
    const missing = items.flatMap((item, i) =>
      item[field] === undefined
        ? [{ path: `${name}[${i}].${field}`, label: typeof item.id === "string" ? item.id : `${name}[${i}]` }]
        : [],
    );
    if (missing.length === 0 || missing.length === items.length) continue;
    groups.push({
      part,
      progress: `${items.length - missing.length} of ${items.length} ${of} have one`,
      items: missing,
    });
  }
  return groups;
}

function speakerTodos(data: Json): TodoGroup[] {
  const people = list(data.people).flatMap((p) => (typeof p.id === "string" ? [p.id] : []));
  const lang = typeof data.language === "string" ? data.language : "ar";
  const choose = people.length > 0 ? `one of: ${people.join(", ")}` : "a person's id (add them to people)";
  const kinds = [
    {
      name: "quotes",
      items: list(data.quotes),
      otherwise: 'or, if it is not a direct quote, move it to "notQuotes" with a "reason"',
    },
    { name: "statements", items: list(data.statements), otherwise: "or remove it if nobody is reported" },
  ];
  const items = kinds.flatMap(({ name, items: entries, otherwise }) =>
    entries.flatMap((entry, i): TodoItem[] => {
      if (typeof entry.speaker === "string" && entry.speaker !== "") return [];
      const text = typeof entry[lang] === "string" ? (entry[lang] as string) : "";
      const words = text.length > 30 ? `«${text.slice(0, 30)}…»` : `«${text}»`;
      return [
        {
          path: `${name}[${i}].speaker`,
          label: typeof entry.id === "string" ? entry.id : `${name}[${i}]`,
          detail: `${words} in paragraph ${String(entry.paragraph)}: set "speaker" to ${choose}; ${otherwise}`,
        },
      ];
    }),
  );
  if (items.length === 0) return [];
  const counts = kinds.flatMap(({ name, items: entries }) => {
    const missing = items.filter((item) => item.path.startsWith(`${name}[`)).length;
    return missing > 0 ? [`${missing} of ${entries.length} ${name}`] : [];
  });
  return [{ part: "speakers", progress: `${counts.join(", ")} have none yet`, items }];
}

/** The to-do list of a story file's parsed JSON. */
export function findTodos(data: unknown): TodoGroup[] {
  if (!isObject(data)) return [];
  return [...speakerTodos(data), ...translationTodos(data), ...fieldTodos(data)];
}

/**
 * Marks the to-dos the schema insists on, and returns the problems that remain once those are said by the
 * to-do list instead (a missing speaker reads better as a to-do than as a schema error).
 */
export function mergeWithProblems(groups: TodoGroup[], problems: readonly Problem[]): Problem[] {
  const paths = new Map(groups.flatMap((g) => g.items.map((item) => [item.path, item] as const)));
  return problems.filter((problem) => {
    const item = paths.get(problem.path);
    if (item === undefined) return true;
    item.required = true;
    return false;
  });
}

/** Up to this many labels on one line; the rest are counted. */
const MAX_LABELS = 12;

function labels(items: readonly TodoItem[]): string {
  const shown = items.slice(0, MAX_LABELS).map((item) => item.label);
  return items.length > MAX_LABELS
    ? `${shown.join(", ")} … and ${items.length - MAX_LABELS} more`
    : shown.join(", ");
}

/**
 * The to-do list as indented lines for the terminal: first what the story cannot be served without
 * (required), then the optional parts the editor started, each under its own heading.
 */
export function formatTodos(groups: readonly TodoGroup[]): string[] {
  const required = groups.flatMap((g) => {
    const items = g.items.filter((item) => item.required);
    return items.length > 0 ? [{ ...g, items }] : [];
  });
  const optional = groups.flatMap((g) => {
    const items = g.items.filter((item) => !item.required);
    return items.length > 0 ? [{ ...g, items }] : [];
  });
  return [
    ...(required.length > 0 ? ["  required before the story can be served:", ...todoLines(required)] : []),
    ...(optional.length > 0 ? ["  to finish (optional parts you started):", ...todoLines(optional)] : []),
  ];
}

function todoLines(groups: readonly TodoGroup[]): string[] {
  const lines: string[] = [];
  for (const group of groups) {
    const withDetail = group.items.filter((item) => item.detail !== undefined);
    const kinds = new Map<string, TodoItem[]>();
    for (const item of withDetail)
      kinds.set(item.detail ?? "", [...(kinds.get(item.detail ?? "") ?? []), item]);
    if (group.part === "speakers") {
      lines.push(`    - ${group.part}: ${group.progress}`);
      for (const item of group.items) {
        lines.push(`        ${item.label}: ${item.detail ?? ""}`);
      }
    } else if (withDetail.length > 0) {
      lines.push(`    - ${group.part}: ${group.progress}; still missing:`);
      for (const [kind, items] of kinds) lines.push(`        ${kind}: ${labels(items)}`);
    } else {
      lines.push(`    - ${group.part}: ${group.progress}; still missing: ${labels(group.items)}`);
    }
  }
  return lines;
}

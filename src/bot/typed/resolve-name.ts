import type { Person } from "../../content/schema.js";
import type { Story } from "../../content/story.js";

/** What a typed name leads to: one person, several to choose from, or nobody. */
export type NameOutcome =
  | { kind: "one"; person: Person }
  | { kind: "many"; people: Person[] }
  | { kind: "none" };

/**
 * Resolves a typed name against the story's people. A whole-name match wins over partial ones; several
 * partial matches (a title like «الرئيس», a shared first name) are for the reader to choose between.
 */
export function resolveName(story: Story, input: string): NameOutcome {
  const whole = resolveWhole(story, input);
  return whole.kind === "none" ? resolveSeveral(story, input) : whole;
}

/**
 * Several names typed together («ترامب وبيسكوف», "Trump and Peskov"): the people each part names on its
 * own, for the reader to choose between when there are two or more.
 */
function resolveSeveral(story: Story, input: string): NameOutcome {
  const parts = input
    .split(/\s*(?:[,،&+]|\band\b|\s)\s*/iu)
    .map((part) => part.replace(/^و(?=\p{L}{3})/u, ""))
    .filter((part) => part !== "");
  if (parts.length < 2) return { kind: "none" };
  const people = new Map<string, Person>();
  for (let i = 0; i < parts.length; i++) {
    // A name of two words («دونالد ترامب») is tried whole before its words alone.
    const pair: NameOutcome =
      i + 1 < parts.length ? resolveWhole(story, `${parts[i]} ${parts[i + 1]}`) : { kind: "none" };
    const found = pair.kind === "one" ? pair : resolveWhole(story, parts[i] ?? "");
    if (pair.kind === "one") i++;
    if (found.kind === "one") people.set(found.person.id, found.person);
  }
  return people.size >= 2 ? { kind: "many", people: [...people.values()] } : { kind: "none" };
}

function resolveWhole(story: Story, input: string): NameOutcome {
  const matches = story.names.match(input);
  const exact = matches.filter((m) => m.exact);
  const chosen = exact.length > 0 ? exact : matches;
  const people = chosen.map((m) => story.people.get(m.id)).filter((p) => p !== undefined);
  const [first] = people;
  if (!first) return { kind: "none" };
  return people.length === 1 ? { kind: "one", person: first } : { kind: "many", people };
}

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
  const matches = story.names.match(input);
  const exact = matches.filter((m) => m.exact);
  const chosen = exact.length > 0 ? exact : matches;
  const people = chosen.map((m) => story.people.get(m.id)).filter((p) => p !== undefined);
  const [first] = people;
  if (!first) return { kind: "none" };
  return people.length === 1 ? { kind: "one", person: first } : { kind: "many", people };
}

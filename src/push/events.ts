import type { Catalog } from "../content/library.js";
import type { Story } from "../content/story.js";
import { storyState } from "../content/story-state.js";
import type { Topic } from "./follow-store.js";
import type { PushEvent } from "./push-event.js";

/** The canonical names of a person (each language's), as other stories' name indexes are asked for them. */
function canonicalNames(person: { name: { ar?: string; en?: string } }): string[] {
  return [person.name.ar, person.name.en].filter((name) => name !== undefined);
}

/**
 * The person topics a story reaches: every person it names (its people, quoted or not), by their id, and
 * the ids other stories of the catalog give the same person, matched through this story's name index on
 * their whole names. Person ids are per story, so a reader who followed someone from one story ("lopez")
 * is still reached by another that calls them "maria-lopez".
 */
function personTopics(story: Story, everyone: readonly Story[]): Topic[] {
  const ids = new Set(story.data.people.map((person) => person.id));
  for (const other of everyone) {
    if (other === story) continue;
    for (const person of other.data.people) {
      if (ids.has(person.id)) continue;
      const same = canonicalNames(person).some((name) =>
        story.names.match(name).some((match) => match.exact),
      );
      if (same) ids.add(person.id);
    }
  }
  return [...ids].map((personId) => ({ kind: "person", personId }));
}

/** Oldest first (by `published`, then by id), the order in which the events happened. */
function byPublished(a: Story, b: Story): number {
  return a.published - b.published || (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0);
}

/**
 * The push events of the catalog in force: what readers may be told of now. Pure: the same catalog gives
 * the same events, and the push engine, which records each event id once, ever, decides what is new.
 *
 * - each live story: `story:<id>`, for the followers of new stories and of each person it names;
 * - each correction of a live story: `correction:<storyId>:<correctionId>`, for the story's followers;
 * - each withdrawn story: `withdrawal:<storyId>`, with no audience (nobody is sent a new message; the
 *   engine edits the pushes it sent of the story).
 *
 * Scheduled stories and drafts (which only the preview serves) have none until they are live; a withdrawn story's corrections have none (the
 * withdrawal supersedes them). Stories come oldest first, each followed by its corrections in file order.
 */
export function eventsOf(catalog: Catalog): PushEvent[] {
  const everyone = [...catalog.stories, ...catalog.scheduled, ...catalog.withdrawn.values()];
  const events: PushEvent[] = [];
  // The preview serves drafts and scheduled stories to its editor; readers are never told of them.
  const live = catalog.stories.filter((story) => storyState(story, catalog.asOf) === "live");
  for (const story of live.sort(byPublished)) {
    const storyId = story.data.id;
    events.push({
      id: `story:${storyId}`,
      kind: "story",
      storyId,
      audience: [{ kind: "new" }, ...personTopics(story, everyone)],
    });
    for (const correction of story.data.corrections) {
      events.push({
        id: `correction:${storyId}:${correction.id}`,
        kind: "correction",
        storyId,
        correctionId: correction.id,
        audience: [{ kind: "story", storyId }],
      });
    }
  }
  for (const story of [...catalog.withdrawn.values()].sort(byPublished)) {
    const storyId = story.data.id;
    events.push({ id: `withdrawal:${storyId}`, kind: "withdrawal", storyId, audience: [] });
  }
  return events;
}

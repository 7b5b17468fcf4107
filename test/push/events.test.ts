/** The push events derived from a catalog: who is told of each live story, correction and withdrawal. */
import { describe, expect, it } from "vitest";
import { advanceCatalog, makeCatalog } from "../../src/content/library.js";
import { eventsOf } from "../../src/push/events.js";
import {
  EDITOR_FIXTURES,
  fixtureStory,
  riversideStory,
  SCHEDULED_AT,
  storyWith,
} from "../bot/multi-story.js";

const riverside = riversideStory();
const scheduled = fixtureStory(EDITOR_FIXTURES.scheduled);
const corrected = fixtureStory(EDITOR_FIXTURES.corrected);
const withdrawn = fixtureStory(EDITOR_FIXTURES.withdrawn);
const before = SCHEDULED_AT - 60_000;

function catalogAt(now: number) {
  const catalog = makeCatalog([riverside, scheduled, corrected, withdrawn], { now });
  if (!catalog) throw new Error("no catalog");
  return catalog;
}

describe("eventsOf", () => {
  it("derives a story event per live story, a correction event per correction and a withdrawal event", () => {
    const events = eventsOf(catalogAt(before));
    expect(events.map((e) => e.id)).toEqual([
      "story:riverside-final",
      "story:bridge-vote",
      "correction:bridge-vote:vote-count",
      "correction:bridge-vote:cost-figure",
      "withdrawal:mill-fire",
    ]);
    expect(events.find((e) => e.id === "correction:bridge-vote:cost-figure")).toEqual({
      id: "correction:bridge-vote:cost-figure",
      kind: "correction",
      storyId: "bridge-vote",
      correctionId: "cost-figure",
      audience: [{ kind: "story", storyId: "bridge-vote" }],
    });
    expect(events.at(-1)).toEqual({
      id: "withdrawal:mill-fire",
      kind: "withdrawal",
      storyId: "mill-fire",
      audience: [],
    });
  });

  it("gives a new story to the followers of new stories and of every person it names", () => {
    const story = eventsOf(catalogAt(before)).find((e) => e.id === "story:bridge-vote");
    expect(story).toEqual({
      id: "story:bridge-vote",
      kind: "story",
      storyId: "bridge-vote",
      audience: [{ kind: "new" }, { kind: "person", personId: "nasser" }],
    });
  });

  it("has no event for a scheduled story until its time, then one, reaching a person another story names", () => {
    expect(eventsOf(catalogAt(before)).some((e) => e.storyId === "harbour-opening")).toBe(false);
    const live = advanceCatalog(catalogAt(before), SCHEDULED_AT);
    const story = eventsOf(live).find((e) => e.id === "story:harbour-opening");
    // Maria Lopez is "maria-lopez" here and "lopez" in the riverside story: both ids' followers are reached.
    expect(story?.audience).toEqual([
      { kind: "new" },
      { kind: "person", personId: "haddad" },
      { kind: "person", personId: "maria-lopez" },
      { kind: "person", personId: "lopez" },
    ]);
    const riversideEvent = eventsOf(live).find((e) => e.id === "story:riverside-final");
    expect(riversideEvent?.audience).toEqual([
      { kind: "new" },
      { kind: "person", personId: "lopez" },
      { kind: "person", personId: "reed" },
      { kind: "person", personId: "maria-lopez" },
    ]);
  });

  it("tells readers nothing of the drafts and scheduled stories the preview serves its editor", () => {
    const draft = storyWith(riverside, (d) => {
      d.id = "draft-one";
      d.key = "dr";
      d.draft = true;
    });
    const desk = makeCatalog([riverside, scheduled, draft], { now: before, serveScheduled: true });
    expect(desk?.stories.map((s) => s.data.id).sort()).toEqual([
      "draft-one",
      "harbour-opening",
      "riverside-final",
    ]);
    expect(eventsOf(desk ?? catalogAt(before)).map((e) => e.id)).toEqual(["story:riverside-final"]);
  });

  it("derives nothing from a withdrawn story's corrections", () => {
    const both = storyWith(corrected, (d) => {
      d.withdrawn = { date: "2026-12-04", en: "the vote is to be held again." };
    });
    const catalog = makeCatalog([riverside, both], { now: before });
    if (!catalog) throw new Error("no catalog");
    expect(eventsOf(catalog).map((e) => e.id)).toEqual(["story:riverside-final", "withdrawal:bridge-vote"]);
  });

  it("is the same for the same catalog, and an edit of a story's text adds no event", () => {
    const first = eventsOf(catalogAt(before));
    const retitled = storyWith(riverside, (d) => {
      d.title = { en: "Riverside FC win the final" };
    });
    const again = makeCatalog([retitled, scheduled, corrected, withdrawn], { now: before });
    if (!again) throw new Error("no catalog");
    expect(eventsOf(again)).toEqual(first);
  });
});

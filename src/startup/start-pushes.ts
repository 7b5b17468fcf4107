import type { Logger } from "pino";
import type { ReaderViews } from "../bot/reader-views.js";
import { type PushMark, renderDigest, renderPush, storyPush } from "../bot/render/push.js";
import type { Catalog, StoryLibrary } from "../content/library.js";
import type { Story } from "../content/story.js";
import type { RenderDigest, RenderPush } from "../push/engine.js";
import { eventsOf } from "../push/events.js";
import type { PushSetup } from "../push/setup.js";

/** A story the catalog holds by id, live or withdrawn (a withdrawn story's pushes are edited to say so). */
function storyById(catalog: Catalog, id: string): Story | undefined {
  return catalog.byId.get(id) ?? [...catalog.withdrawn.values()].find((story) => story.data.id === id);
}

/** How a story's push reads now: withdrawn, corrected (on the latest correction's date), or as sent. */
function markOf(story: Story): PushMark | undefined {
  if (story.data.withdrawn !== undefined) return { kind: "withdrawn", note: story.data.withdrawn };
  const latest = story.data.corrections.at(-1);
  return latest === undefined ? undefined : { kind: "corrected", date: latest.date };
}

/**
 * The engine's renderer: each event as the reader-facing push (src/bot/render/push.ts), rendered from the
 * catalog in force, so the engine's edits of earlier pushes show the current title and mark.
 */
export function pushRenderer(
  views: ReaderViews,
  library: { readonly current: Catalog },
): { render: RenderPush; renderDigest: RenderDigest } {
  return {
    render: (event, prefs) => {
      const catalog = library.current;
      const story = storyById(catalog, event.storyId);
      if (story === undefined) return undefined;
      if (event.kind === "correction") {
        const correction = story.data.corrections.find((c) => c.id === event.correctionId);
        if (correction === undefined) return undefined;
        return renderPush(views, { event, story, prefs, correction });
      }
      const mark = markOf(story);
      if (mark === undefined) return renderPush(views, { event, story, prefs });
      return storyPush(views.for(prefs.lang, story), {
        mark,
        menuStory: catalog.newest,
        ...(prefs.timeZone === undefined ? {} : { timeZone: prefs.timeZone }),
      });
    },
    renderDigest: (events, prefs) => {
      const catalog = library.current;
      const stories = events
        .filter((event) => event.kind === "story")
        .map((event) => catalog.byId.get(event.storyId))
        .filter((story): story is Story => story !== undefined);
      return renderDigest(views, stories, prefs);
    },
  };
}

/**
 * Starts pushing from a story library: the engine takes the catalog's events (`eventsOf`) now and after
 * every swap, a scheduled story going live included, and renders them as readers see them.
 */
export function startPushes(
  push: PushSetup,
  views: ReaderViews,
  library: StoryLibrary,
  logger: Logger,
): void {
  const engine = push.start({ ...pushRenderer(views, library), events: eventsOf(library.current) });
  library.onSwap((catalog) => engine.offer(eventsOf(catalog)));
  logger.debug("push: engine started");
}

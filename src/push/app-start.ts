import type { Logger } from "pino";
import type { Catalog, StoryLibrary } from "../content/library.js";
import { localize } from "../content/story.js";
import type { PushMessage, RenderDigest, RenderPush } from "./engine.js";
import type { PushEvent } from "./push-event.js";
import type { PushSetup } from "./setup.js";

/**
 * The events of a catalog as this module derives them without scheduling or corrections: each served
 * story, for the followers of every new story. The content side's `eventsOf(catalog)` supersedes it
 * (scheduled stories, corrections, withdrawals, people); both give a story the same event id.
 */
export function storyEventsOf(catalog: Catalog): PushEvent[] {
  // Drafts are served only by the preview, and pushed nowhere.
  return catalog.stories
    .filter((story) => story.data.draft !== true)
    .map((story) => ({
      id: `story:${story.data.id}`,
      kind: "story",
      storyId: story.data.id,
      audience: [{ kind: "new" }],
    }));
}

/**
 * A plain push message (title and standfirst in the chat's language, else the original): what the engine
 * sends until the reader-facing renderer (with its buttons) is wired in its place.
 */
export function plainRenderer(library: { readonly current: Catalog }): {
  render: RenderPush;
  renderDigest: RenderDigest;
} {
  const lines = (event: PushEvent, lang: "ar" | "en"): string | undefined => {
    const story = library.current.byId.get(event.storyId);
    if (story === undefined) return undefined;
    const original = story.data.language;
    const title = localize(story.data.title, lang, original).text;
    if (event.kind !== "story") return `✎ ${title}`;
    return `${title}\n${localize(story.data.standfirst, lang, original).text}`;
  };
  return {
    render: (event, prefs): PushMessage | undefined => {
      const text = lines(event, prefs.lang);
      return text === undefined ? undefined : { text };
    },
    renderDigest: (events, prefs) => {
      const parts = events.map((e) => lines(e, prefs.lang)).filter((t): t is string => t !== undefined);
      return parts.length === 0 ? undefined : { text: parts.join("\n\n") };
    },
  };
}

/**
 * Starts pushing from a story library: the engine takes the catalog's events now and after every swap.
 * `render` and `events` default to the plain ones above.
 */
export function startPushes(
  push: PushSetup,
  library: StoryLibrary,
  logger: Logger,
  wiring: {
    render?: { render: RenderPush; renderDigest: RenderDigest };
    events?: (c: Catalog) => PushEvent[];
  } = {},
): void {
  const events = wiring.events ?? storyEventsOf;
  const render = wiring.render ?? plainRenderer(library);
  const engine = push.start({ ...render, events: events(library.current) });
  library.onSwap((catalog) => engine.offer(events(catalog)));
  logger.debug("push: engine started");
}

import { createHash } from "node:crypto";
import { onePerPassage } from "../../content/passage-hits.js";
import type { Story } from "../../content/story.js";
import { MAX_QUERY_LENGTH, type SearchHit } from "../../text/search-index.js";
import type { BotContext } from "../context.js";
import { renderRoute } from "../render/screens/index.js";
import { ambiguousNameScreen } from "../render/screens/quotes.js";
import { nothingFoundScreen, resultsScreen } from "../render/screens/search.js";
import type { Screen, View } from "../render/view.js";
import { resolveName } from "./resolve-name.js";

/**
 * The token a results page button carries for its query: six base-36 characters of a hash of the story and
 * the query. The query itself stays in the reader's session; a button whose token is not the session's
 * query's is of an older search (stale).
 */
export function queryToken(storyId: string, query: string): string {
  const n = Number.parseInt(
    createHash("sha256").update(`${storyId}\n${query}`).digest("hex").slice(0, 10),
    16,
  );
  return n.toString(36).padStart(6, "0").slice(-6);
}

/** The passages of a story that hold a query, each once in its most informative form, best first. */
export function searchStory(story: Story, query: string): SearchHit[] {
  return onePerPassage(story.data, story.search.search(query));
}

/** What typed text gets, and the query to remember for its page buttons (when it is a search). */
export interface TypedAnswer {
  kind: "person" | "search" | "suggestion" | "nothing";
  screen: Screen;
  /** The query the session should hold: the search's, or the corrected words a button offers. */
  remember?: string;
}

/**
 * The answer to text a reader typed, in the order readers mean it: a name (in any spelling the name index
 * accepts, clitics and all) opens that person's screen, or the choice between several; other words search
 * the story; nothing found offers a name or the words one edit away, and the menu.
 */
export function answerText(view: View, input: string): TypedAnswer {
  const { story } = view;
  const query = input.slice(0, MAX_QUERY_LENGTH);
  const outcome = resolveName(story, query);
  if (outcome.kind === "one") {
    const screen = renderRoute({ to: "person", id: outcome.person.id }, view);
    if (screen) return { kind: "person", screen };
  }
  if (outcome.kind === "many")
    return { kind: "person", screen: ambiguousNameScreen(view, outcome.people, { inConversation: false }) };
  const hits = searchStory(story, query);
  const id = story.data.id;
  if (hits.length > 0)
    return {
      kind: "search",
      screen: resultsScreen(view, query, hits, 0, queryToken(id, query)),
      remember: query,
    };
  const people = story.names
    .suggest(query)
    .filter((near) => near.distance === 1)
    .map((near) => story.people.get(near.id))
    .filter((person) => person !== undefined);
  if (people.length > 0) return { kind: "suggestion", screen: nothingFoundScreen(view, query, { people }) };
  const words = story.search.suggest(query);
  if (words !== undefined) {
    const token = queryToken(id, words.text);
    return {
      kind: "suggestion",
      screen: nothingFoundScreen(view, query, { words: { text: words.text, token } }),
      remember: words.text,
    };
  }
  return { kind: "nothing", screen: nothingFoundScreen(view, query) };
}

/** How many searches a reader's session keeps for their page buttons: older results messages answer stale. */
export const SEARCHES_KEPT = 5;

/** The searches a session holds, newest first (a session from before the list holds one, as `search`). */
function heldSearches(ctx: BotContext): Array<{ story: string; query: string }> {
  const session = ctx.session;
  if (session?.searches !== undefined) return session.searches;
  return session?.search === undefined ? [] : [session.search];
}

/**
 * Keeps the query a results button will ask for in the reader's session, in front of the last few (only
 * when it changes), so the buttons of an older results message still on screen keep paging.
 */
export function rememberQuery(ctx: BotContext, story: Story, query: string): void {
  const held = heldSearches(ctx);
  const first = held[0];
  if (first?.story === story.data.id && first.query === query) return;
  const entry = { story: story.data.id, query };
  const searches = [entry, ...held.filter((s) => s.story !== entry.story || s.query !== query)].slice(
    0,
    SEARCHES_KEPT,
  );
  const { search: _legacy, ...rest } = ctx.session ?? {};
  ctx.session = { ...rest, searches };
}

/**
 * A results page for a page button: the query of the session's search whose token the button carries, else
 * `undefined` (a search older than the session keeps, or of another story's).
 */
export function resultsPage(ctx: BotContext, view: View, token: string, page: number): Screen | undefined {
  const id = view.story.data.id;
  const held = heldSearches(ctx).find((s) => s.story === id && queryToken(id, s.query) === token);
  if (held === undefined) return undefined;
  return resultsScreen(view, held.query, searchStory(view.story, held.query), page, token);
}

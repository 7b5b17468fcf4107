import type { Topic } from "./follow-store.js";

/**
 * Something readers may be told of, derived from the catalog: a story that became live, a correction, a
 * withdrawal. The content side derives them (`eventsOf(catalog)`); the push engine records each `id` once,
 * ever, and delivers it to the followers of its `audience`.
 */
export type PushEvent =
  | {
      /** `story:<storyId>` */
      id: string;
      kind: "story";
      storyId: string;
      /** `{ kind: "new" }` and a `person` topic for each person the story quotes or names. */
      audience: Topic[];
    }
  | {
      /** `correction:<storyId>:<correctionId>` */
      id: string;
      kind: "correction";
      storyId: string;
      correctionId: string;
      /** `{ kind: "story", storyId }`; the engine adds every chat it pushed the story to. */
      audience: Topic[];
    }
  | {
      /** `withdrawal:<storyId>` */
      id: string;
      kind: "withdrawal";
      storyId: string;
      /** Nobody is sent a new message for a withdrawal: earlier pushes of the story are edited in place. */
      audience: Topic[];
    };

import type { FollowStore, Topic } from "./follow-store.js";
import type { PlannedDelivery, PushLedger } from "./ledger.js";
import type { PushEvent } from "./push-event.js";

/** Planning phases of an event: its topics, then (corrections) the chats pushed the story, then edits. */
type Phase = { kind: "topic"; topic: Topic } | { kind: "pushed" } | { kind: "edits" };

function phasesOf(event: PushEvent): Phase[] {
  const phases: Phase[] = event.audience.map((topic) => ({ kind: "topic", topic }));
  if (event.kind === "correction") phases.push({ kind: "pushed" });
  if (event.kind !== "story") phases.push({ kind: "edits" });
  return phases;
}

/** Where planning of one event stands; {@link planWindow} moves it on. */
export interface PlanCursor {
  event: PushEvent;
  phase: number;
  cursor: number | undefined;
  planned: boolean;
}

/**
 * Plans one window of an event's deliveries: the next `pageSize` followers of the current topic (a digest
 * reader's new story is held for the digest), or of the chats pushed the story (a correction), or of the
 * messages to edit (a correction or withdrawal). The deliveries and the cursor after them are written in
 * one transaction, so a crash never skips a follower; a chat already planned for the event (it follows two
 * of its topics) is kept once. Returns how many deliveries were added, waiting and held.
 */
export async function planWindow(
  c: PlanCursor,
  follows: FollowStore,
  ledger: PushLedger,
  pageSize: number,
): Promise<{ waiting: number; held: number }> {
  const phases = phasesOf(c.event);
  const phase = phases[c.phase];
  let deliveries: PlannedDelivery[] = [];
  let next: number | undefined;
  if (phase?.kind === "topic") {
    const page = await follows.followers(phase.topic, c.cursor, pageSize);
    const digest = c.event.kind === "story";
    deliveries = page.followers.map((f) => ({
      chatId: f.chatId,
      kind: digest && f.prefs.mode === "digest" ? "digest" : "send",
    }));
    next = page.next;
  } else if (phase !== undefined) {
    const rows =
      phase.kind === "pushed"
        ? await ledger.pushedStory(c.event.storyId, c.cursor, pageSize)
        : await ledger.sentForStory(c.event.storyId, c.event.id, c.cursor, pageSize);
    deliveries = rows.map((row) =>
      phase.kind === "pushed"
        ? { chatId: row.chatId, kind: "send" as const }
        : {
            chatId: row.chatId,
            kind: "edit" as const,
            messageRef: row.messageId,
            sourceEventId: row.eventId,
            ...(row.lang === undefined ? {} : { lang: row.lang }),
          },
    );
    next = rows.length === pageSize ? rows[rows.length - 1]?.cursor : undefined;
  }
  const phaseNext = next === undefined ? c.phase + 1 : c.phase;
  const planned = phaseNext >= phases.length;
  const added = await ledger.plan(c.event.id, c.event.storyId, deliveries, {
    phase: phaseNext,
    cursor: next,
    planned,
  });
  // Duplicates are ignored by the ledger; held entries are not waiting.
  const held = Math.min(deliveries.filter((d) => d.kind === "digest").length, added);
  c.phase = phaseNext;
  c.cursor = next;
  c.planned = planned;
  return { waiting: added - held, held };
}

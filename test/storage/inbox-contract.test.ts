/**
 * The inbox contract every backend keeps (memory, SQLite, Redis): recorded before handling, claimed by one
 * owner at a time, done marks that skip re-deliveries, leases that free a dead holder's updates, TTLs.
 */
import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Lease } from "../../src/storage/inbox.js";
import { type Backend, backends, type TestSpace } from "./backends.js";

const update = (id: number): Update =>
  ({
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: 1, type: "private" }, text: "قارئ" },
  }) as Update;
const A: Lease = { owner: "instance-a", ms: 300 };
const B: Lease = { owner: "instance-b", ms: 300 };
const ids = (claimed: Array<{ update: Update }>): number[] => claimed.map((c) => c.update.update_id);

describe.each(backends.map((backend) => [backend.label ?? backend.kind, backend] as const))(
  "%s inbox",
  (_kind, backend: Backend) => {
    describe.skipIf(!backend.available)("contract", () => {
      let space: TestSpace;
      beforeAll(() => backend.setup());
      afterAll(() => backend.teardown());
      beforeEach(() => {
        space = backend.begin();
      });
      afterEach(() => space.dispose());

      it("admits new updates once, hands back the update as recorded, and skips done ones", async () => {
        const { inbox } = space.open();
        const first = await inbox.admit([update(1), update(2)], A);
        expect(ids(first)).toEqual([1, 2]);
        expect(first[0]?.update).toEqual(update(1));
        // No handler has started on it yet.
        expect(first[0]?.attempts).toBe(0);
        // Held under a live claim (by anyone, itself included): not claimed again.
        expect(await inbox.admit([update(1)], A)).toEqual([]);
        expect(await inbox.admit([update(1)], B)).toEqual([]);
        expect(await inbox.pending()).toBe(2);
        await inbox.finish(1);
        expect(await inbox.pending()).toBe(1);
        await space.advance(400);
        // Done stays done, even once every lease has run out; 2's lease ran out, so it is free again.
        expect(ids(await inbox.admit([update(1), update(2)], B))).toEqual([2]);
      });

      it("claims unfinished updates oldest first, taking over others' only when asked", async () => {
        const { inbox } = space.open();
        await inbox.admit([update(30), update(10), update(20)], A);
        expect(await inbox.claimUnfinished(B, { limit: 10 })).toEqual([]);
        const taken = await inbox.claimUnfinished(B, { limit: 2, takeOver: true });
        expect(ids(taken)).toEqual([10, 20]);
        // Claimed twice, never started: claims cost no attempt.
        expect(taken[0]?.attempts).toBe(0);
        // B's own claims are not taken over by B.
        expect(ids(await inbox.claimUnfinished(B, { limit: 10, takeOver: true }))).toEqual([30]);
      });

      it("counts attempts when a handler starts, not when an update is claimed", async () => {
        const { inbox } = space.open();
        const [claimed] = await inbox.admit([update(40)], A);
        expect(claimed?.attempts).toBe(0);
        expect(await inbox.countAttempt(40, A)).toBe(1);
        // Not A's claim: B starts nothing on it.
        expect(await inbox.countAttempt(40, B)).toBe(1);
        // A dies; its claim is taken over, claimed again and again without a start: still one attempt.
        for (let i = 0; i < 3; i++) {
          const [again] = await inbox.claimUnfinished(B, { limit: 10, takeOver: true });
          expect(again?.attempts).toBe(1);
          await inbox.release(40, B);
        }
        const [last] = await inbox.claimUnfinished(B, { limit: 10 });
        expect(await inbox.countAttempt(40, B)).toBe(2);
        expect(last?.attempts).toBe(1);
      });

      it("frees a claim when its lease runs out, keeps it while renewed, and at once when released", async () => {
        const { inbox } = space.open();
        await inbox.admit([update(5), update(6), update(7)], A);
        await inbox.release(7, B); // not B's: no effect
        expect(await inbox.claimUnfinished(B, { limit: 10 })).toEqual([]);
        await inbox.release(7, A);
        expect(ids(await inbox.claimUnfinished(B, { limit: 10 }))).toEqual([7]);
        await space.advance(200);
        await inbox.renew([5], A);
        await inbox.renew([7], B);
        await space.advance(200);
        // 6 ran out; 5 and 7 were renewed by their holders.
        expect(ids(await inbox.claimUnfinished(B, { limit: 10 }))).toEqual([6]);
      });

      it.skipIf(!backend.shared)(
        "two instances racing on the same updates: each claimed exactly once",
        async () => {
          const a = space.open();
          const b = space.open();
          const batch = Array.from({ length: 50 }, (_, i) => update(1000 + i));
          const [x, y] = await Promise.all([a.inbox.admit(batch, A), b.inbox.admit(batch, B)]);
          const all = [...ids(x), ...ids(y)].sort((p, q) => p - q);
          expect(all).toEqual(batch.map((u) => u.update_id));
          await space.advance(400);
          const [p, q] = await Promise.all([
            a.inbox.claimUnfinished(A, { limit: 100 }),
            b.inbox.claimUnfinished(B, { limit: 100 }),
          ]);
          expect(ids(p).length + ids(q).length).toBe(50);
          expect(new Set([...ids(p), ...ids(q)]).size).toBe(50);
        },
      );

      it("rejects bad update ids and refuses work once closed", async () => {
        const store = space.open();
        await expect(store.inbox.admit([update(-1)], A)).rejects.toThrow(RangeError);
        await store.close();
        await expect(store.inbox.admit([update(1)], A)).rejects.toThrow(/closed/);
      });
    });
  },
);

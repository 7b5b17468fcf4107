import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Backend, backends, type TestSpace } from "./backends.js";

interface Reader {
  language: "ar" | "en";
  position: number;
  title: string;
  tags: string[];
  meta: { seen: boolean; note: string | null };
}

const arabicReader: Reader = {
  language: "ar",
  position: 7,
  title: "خبر عاجل: الأمطار تعود إلى القاهرة — «تحديث» ١٢٣ 📰",
  tags: ["طقس", "مصر"],
  meta: { seen: true, note: null },
};

describe.each(backends.map((backend) => [backend.label ?? backend.kind, backend] as const))(
  "%s store",
  (_kind, backend: Backend) => {
    describe.skipIf(!backend.available)("contract", () => {
      let space: TestSpace;
      beforeAll(() => backend.setup());
      afterAll(() => backend.teardown());
      beforeEach(() => {
        space = backend.begin();
      });
      afterEach(() => space.dispose());

      it("round-trips JSON values (Arabic included) and deletes them", async () => {
        const store = space.open();
        const sessions = store.adapter<Reader>("session");
        await sessions.write("42", arabicReader);
        const back = await sessions.read("42");
        expect(back).toEqual(arabicReader);
        // JSON semantics on every backend: a copy, never the object that was written.
        expect(back).not.toBe(arabicReader);
        await sessions.write("42", { ...arabicReader, position: 8 });
        expect((await sessions.read("42"))?.position).toBe(8);
        await sessions.delete("42");
        expect(await sessions.read("42")).toBeUndefined();
        await sessions.delete("42"); // deleting a missing key is fine
      });

      it("returns undefined for a missing key and keeps namespaces apart", async () => {
        const store = space.open();
        const sessions = store.adapter<string>("session");
        const convs = store.adapter<string>("conv");
        expect(await sessions.read("nope")).toBeUndefined();
        await sessions.write("1", "session value");
        expect(await convs.read("1")).toBeUndefined();
        await convs.write("1", "conv value");
        expect(await sessions.read("1")).toBe("session value");
        expect(await convs.read("1")).toBe("conv value");
      });

      it("stores falsy JSON values and keys with odd characters", async () => {
        const store = space.open();
        const a = store.adapter<unknown>("misc");
        for (const [key, value] of [
          ["zero", 0],
          ["empty", ""],
          ["false", false],
          ["null", null],
          ["-100123:topic/7 ü", [1, "٢"]],
        ] as const) {
          await a.write(key, value);
          expect(await a.read(key)).toEqual(value);
        }
      });

      it("rejects bad namespaces, TTLs and undefined values", async () => {
        const store = space.open();
        expect(() => store.adapter("update")).toThrow(/reserved/);
        expect(() => store.adapter("a:b")).toThrow(TypeError);
        expect(() => store.adapter("")).toThrow(TypeError);
        expect(() => store.adapter("s", { ttlSeconds: 0 })).toThrow(RangeError);
        expect(() => store.adapter("s", { ttlSeconds: 1.5 })).toThrow(RangeError);
        await expect(store.adapter<undefined>("s").write("k", undefined)).rejects.toThrow(/JSON/);
      });

      it("expires records after ttlSeconds, renewing the TTL on every write", async () => {
        const store = space.open();
        const short = store.adapter<Reader>("session", { ttlSeconds: 1 });
        const forever = store.adapter<string>("lasting");
        await short.write("42", arabicReader);
        await forever.write("42", "stays");
        expect(await short.read("42")).toEqual(arabicReader);
        await space.advance(600);
        await short.write("42", arabicReader); // renews: expires 1 s from now, not from the first write
        await space.advance(600);
        expect(await short.read("42")).toEqual(arabicReader);
        await space.advance(600);
        expect(await short.read("42")).toBeUndefined();
        expect(await forever.read("42")).toBe("stays");
        // An expired key can be written again.
        await short.write("42", arabicReader);
        expect(await short.read("42")).toEqual(arabicReader);
      });

      it("keeps data apart per scope", async () => {
        const a = space.open({ scope: "111" });
        const b = backend.shared ? space.open({ scope: "222" }) : a;
        await a.adapter<string>("session").write("1", "bot 111");
        if (backend.shared) expect(await b.adapter<string>("session").read("1")).toBeUndefined();
        expect(() => space.open({ scope: "bad scope" })).toThrow(TypeError);
      });

      it.skipIf(!backend.shared)("two instances see each other's writes", async () => {
        const first = space.open();
        const second = space.open();
        const s1 = first.adapter<Reader>("session", { ttlSeconds: 3600 });
        const s2 = second.adapter<Reader>("session", { ttlSeconds: 3600 });
        await s1.write("42", arabicReader);
        expect(await s2.read("42")).toEqual(arabicReader);
        await s2.write("42", { ...arabicReader, language: "en" });
        expect((await s1.read("42"))?.language).toBe("en");
        await s1.delete("42");
        expect(await s2.read("42")).toBeUndefined();
      });

      it("pings, closes idempotently and refuses work after close", async () => {
        const store = space.open();
        const sessions = store.adapter<string>("session");
        expect(await store.ping()).toBe(true);
        await store.close();
        await store.close();
        expect(await store.ping()).toBe(false);
        await expect(sessions.read("1")).rejects.toThrow(/closed/);
        await expect(sessions.write("1", "x")).rejects.toThrow(/closed/);
      });
    });
  },
);

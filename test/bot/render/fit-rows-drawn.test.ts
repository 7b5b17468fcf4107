/** Keyboard rows measured as drawn: Arabic lines are narrower than their letters, emoji wider. */
import { describe, expect, it } from "vitest";
import { fitRows } from "../../../src/bot/render/view.js";

const b = (text: string) => ({ text });

describe("fitRows, by drawn width", () => {
  it("lays Latin names out one per row under a short Arabic message, whose bubble is narrower than its letters", () => {
    // The follow settings reached by the menu's 🔔: their longest line is 30 Arabic letters.
    const text = "🔔 المتابعة\nتصلك الإشعارات فور نشر كل خبر.\nويمكنك أيضاً أن تتابع:";
    const rows = fitRows(
      [
        [b("🔔 Maria Lopez"), b("🔔 Tom Reed")],
        [b("⏰ التوقيت"), b("🌙 ساعات الهدوء")],
      ],
      text,
    );
    expect(rows.map((row) => row.map((x) => x.text))).toEqual([
      ["🔔 Maria Lopez"],
      ["🔔 Tom Reed"],
      ["⏰ التوقيت"],
      ["🌙 ساعات الهدوء"],
    ]);
  });

  it("keeps two short labels side by side under a line as wide as the phone", () => {
    const text = "أجرى الرئيس الروسي فلاديمير بوتين محادثة هاتفية مع الرئيس الأميركي دونالد ترامب";
    const rows = fitRows([[b("📝 الملخص"), b("📄 النص الكامل")]], text);
    expect(rows).toHaveLength(1);
  });
});

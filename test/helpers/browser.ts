/**
 * A real browser for the preview's tests: Debian's chromium driven by playwright-core (browsers cannot be
 * downloaded here), headless, with a fresh profile per launch. Locally a missing chromium skips the
 * browser tests with one warning; CI sets KHABAR_REQUIRE_BROWSER=1, which makes it an error instead.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = process.env.KHABAR_CHROMIUM ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

let warned = false;

/** True when the browser tests can run; throws when CI demands a browser that is not there. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.KHABAR_REQUIRE_BROWSER === "1") {
    throw new Error(
      `chromium is not at ${CHROMIUM_PATH} but KHABAR_REQUIRE_BROWSER=1: install it (apt-get install chromium fonts-noto-core)`,
    );
  }
  if (!warned) {
    warned = true;
    console.warn(`chromium not found at ${CHROMIUM_PATH}: skipping browser tests (apt-get install chromium)`);
  }
  return false;
}

/** A launched browser with its own profile directory; `close()` removes both. */
export interface BrowserHandle {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches chromium with a fresh user-data dir. */
export async function launchBrowser(options: { locale?: string } = {}): Promise<BrowserHandle> {
  const profile = mkdtempSync(join(tmpdir(), "khabar-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 900, height: 1000 },
    locale: options.locale ?? "en-US",
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The preview's chat page, driven as a reader drives it (see {@link previewChat}). */
export interface PreviewChat {
  /** The bot's messages on the page, oldest first. */
  bubbles(): Locator;
  /** Opens the page as a new reader whose Telegram client reports `lang` ("" for none). */
  open(lang: "ar" | "en" | ""): Promise<void>;
  /** Sends `text` as the reader and waits for the bot's next new message. */
  send(text: string): Promise<Locator>;
}

/** Drives the preview at `address` in `page`, each step waiting at most `stepMs`. */
export function previewChat(page: Page, address: () => string, stepMs: number): PreviewChat {
  const bubbles = (): Locator => page.locator("[data-role=bubble][data-from=bot]");
  return {
    bubbles,
    async open(lang) {
      await page.goto(address());
      await page.waitForSelector("body[data-ready=true]", { timeout: stepMs });
      await page.locator("[data-role=lang-picker]").selectOption(lang);
      await page.locator("[data-role=new-reader]").click();
      await page.waitForFunction(() => document.querySelectorAll("[data-role=bubble]").length === 0);
    },
    async send(text) {
      const before = await bubbles().count();
      await page.locator("[data-role=input]").fill(text);
      await page.locator("[data-role=send]").click();
      await page.waitForFunction(
        (n) => document.querySelectorAll("[data-role=bubble][data-from=bot]").length > n,
        before,
        { timeout: stepMs },
      );
      return bubbles().last();
    },
  };
}

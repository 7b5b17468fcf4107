/**
 * Takes the README's picture of the preview (docs/preview.png): starts the preview the way `npm start`
 * does without a token, opens it in chromium, asks for the Arabic menu, and
 * saves one small PNG (palette-reduced with pngquant when installed). Not a test; run it after changing the page or the bot's first screens:
 *
 *   npx tsx scripts/preview-screenshot.ts
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "docs", "preview.png");
const data = mkdtempSync(join(tmpdir(), "khabar-shot-"));
const profile = mkdtempSync(join(tmpdir(), "khabar-shot-chromium-"));

const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--preview"], {
  cwd: ROOT,
  env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), PORT: "0", DATA_DIR: data, LOG_FORMAT: "json" },
  stdio: ["ignore", "pipe", "inherit"],
});
const address = await new Promise<string>((resolve, reject) => {
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    const match = /khabar preview: open (\S+)/.exec(out);
    if (match?.[1]) resolve(match[1]);
  });
  child.once("exit", () => reject(new Error(`the preview exited:\n${out}`)));
});

const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
  viewport: { width: 760, height: 640 },
});
try {
  const page = await context.newPage();
  await page.goto(address);
  await page.waitForSelector("body[data-ready=true]");
  await page.locator("[data-role=lang-picker]").selectOption("ar");
  const bots = page.locator("[data-role=bubble][data-from=bot]");
  const send = async (text: string, count: number): Promise<void> => {
    await page.locator("[data-role=input]").fill(text);
    await page.locator("[data-role=send]").click();
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-role=bubble][data-from=bot]").length >= n,
      count,
    );
  };
  await send("/start", 1);
  await bots.first().locator("[data-role=keyboard]").waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: OUT });
  // A chat background is many colours; a palette keeps the committed PNG to a few tens of kilobytes.
  const quantized = spawnSync("pngquant", [
    "--quality",
    "60-85",
    "--speed",
    "1",
    "--force",
    "--output",
    OUT,
    OUT,
  ]);
  if (quantized.error)
    console.warn("pngquant not found (apt-get install pngquant): the PNG stays full-colour");
  console.log(`${OUT}: ${Math.round(statSync(OUT).size / 1024)} KB`);
} finally {
  await context.close();
  child.kill("SIGTERM");
  rmSync(profile, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
}

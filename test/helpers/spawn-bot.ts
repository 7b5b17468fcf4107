/**
 * Starts the real entry point (`src/main.ts`) as a child process, the way `npm start` does, and captures its
 * output. For process-level tests: configuration, signals, exit codes and logs only exist at this level.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One parsed JSON log line. */
export type LogLine = Record<string, unknown> & { level?: number; msg?: string };

/** How a child ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When it ended (Date.now()). */
  at: number;
}

/** A running (or finished) bot process. */
export interface BotProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** What went to stderr. */
  stderr(): string;
  /** stdout lines that parse as JSON (pino's lines). */
  logs(): LogLine[];
  /** The first log line matching `predicate`, already written or still to come. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Waits for the exit, failing the test if it takes longer than `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<Exit>;
  kill(signal?: NodeJS.Signals): void;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The content folder a child gets unless the test names one: a copy of the fixture story alone, so no test
 * depends on which stories the live content/ folder holds. Made once per test file.
 */
let fixtureContent: string | undefined;
function defaultContentDir(): string {
  if (fixtureContent !== undefined) return fixtureContent;
  const dir = mkdtempSync(join(tmpdir(), "khabar-content-"));
  cpSync(join(ROOT, "test/fixtures/stories/putin-trump-call"), join(dir, "putin-trump-call"), {
    recursive: true,
  });
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  fixtureContent = dir;
  return dir;
}
const children = new Set<BotProcess>();

/** pino's numeric levels. */
export const LEVEL = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** Matches a log line by its message. */
export const msg =
  (text: string | RegExp) =>
  (line: LogLine): boolean =>
    typeof line.msg === "string" && (typeof text === "string" ? line.msg === text : text.test(line.msg));

/**
 * Spawns `node --import tsx src/main.ts` in the repository with exactly `env` (plus PATH and HOME): the
 * test's own environment and any developer `.env` are kept out, so results do not depend on the machine.
 */
export function spawnBot(
  env: Record<string, string | undefined>,
  /** What node runs: the TypeScript entry point through tsx by default, or `["scripts/start.mjs"]` (npm start). */
  command: readonly string[] = ["--import", "tsx", "src/main.ts"],
): BotProcess {
  const clean: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? tmpdir(),
    // A path that does not exist: never read the repository's .env (dotenv honours DOTENV_PATH).
    DOTENV_PATH: join(tmpdir(), "khabar-no-such-env-file"),
    LOG_FORMAT: "json",
    CONTENT_DIR: defaultContentDir(),
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete clean[key];
    else clean[key] = value;
  }
  const child = spawn(process.execPath, [...command], {
    cwd: ROOT,
    env: clean,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let partial = "";
  const lines: LogLine[] = [];
  const listeners = new Set<(line: LogLine) => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    out += text;
    partial += text;
    const parts = partial.split("\n");
    partial = parts.pop() ?? "";
    for (const part of parts) {
      let line: LogLine;
      try {
        line = JSON.parse(part) as LogLine;
      } catch {
        continue;
      }
      lines.push(line);
      for (const listener of [...listeners]) listener(line);
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    err += text;
    out += text;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() }));
  });

  const proc: BotProcess = {
    child,
    exited,
    output: () => out,
    stderr: () => err,
    logs: () => [...lines],
    waitForLog(predicate, timeoutMs = 10_000) {
      const found = lines.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<LogLine>((resolve, reject) => {
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const listener = (line: LogLine): void => {
          if (predicate(line)) {
            done();
            resolve(line);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`no matching log line within ${timeoutMs} ms; output so far:\n${out.slice(-4000)}`),
          );
        }, timeoutMs);
        listeners.add(listener);
        void exited.then(() => {
          // Let the last chunk of output arrive before giving up.
          setTimeout(() => {
            if (!listeners.has(listener)) return;
            done();
            reject(new Error(`the bot exited before a matching log line; output:\n${out.slice(-4000)}`));
          }, 50);
        });
      });
    },
    async waitForExit(timeoutMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`the bot did not exit within ${timeoutMs} ms; output:\n${out.slice(-4000)}`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
  children.add(proc);
  void exited.then(() => children.delete(proc));
  return proc;
}

/** SIGKILLs every bot still running and waits for them; for `afterEach`. */
export async function killAllBots(): Promise<void> {
  const running = [...children];
  for (const proc of running) proc.kill("SIGKILL");
  await Promise.all(running.map((proc) => proc.exited));
}

/** A fresh temporary directory and its remover. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "khabar-proc-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

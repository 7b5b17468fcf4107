/** Child processes of the benchmark: khabar as `npm start` runs it, the baselines, the measuring children. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RESULT_MARK } from "./stats.js";

/** The repository root: every child runs there, as `npm start` does. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A clean environment: no developer `.env`, nothing inherited but PATH and HOME. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? tmpdir(),
    DOTENV_PATH: join(tmpdir(), "khabar-bench-no-env-file"),
    ...extra,
  };
}

/**
 * Starts `node [flags] <script> [args]` in the repository: TypeScript (`.ts`) through tsx, plain JavaScript
 * (`.mjs`, `.js`: khabar's `scripts/start.mjs`, the bare baselines) as deployed, without a loader.
 */
export function spawnScript(
  script: string,
  options: { args?: string[]; env?: Record<string, string>; nodeFlags?: string[]; stdin?: boolean } = {},
): ChildProcess {
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  return spawn(process.execPath, [...(options.nodeFlags ?? []), ...loader, script, ...(options.args ?? [])], {
    cwd: ROOT,
    env: options.env ?? cleanEnv({}),
    stdio: [options.stdin === true ? "pipe" : "ignore", "pipe", "pipe"],
  });
}

/** A bench child that reports one JSON result; `child` is there to feed its stdin when asked for. */
export interface BenchChild<T> {
  child: ChildProcess;
  result: Promise<T>;
}

/** Starts a bench child; `result` resolves with the JSON it reported, or rejects with its stderr. */
export function startChild<T>(
  script: string,
  args: string[],
  options: { nodeFlags?: string[]; stdin?: boolean } = {},
): BenchChild<T> {
  const child = spawnScript(script, {
    args,
    nodeFlags: options.nodeFlags ?? [],
    stdin: options.stdin ?? false,
    env: cleanEnv({ NODE_ENV: "production" }),
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  const result = new Promise<T>((resolve, reject) => {
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (code !== 0 || line === undefined) {
        reject(new Error(`${script} ${args.join(" ")} failed (exit ${code}):\n${err.slice(-3000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARK.length)) as T);
    });
  });
  return { child, result };
}

/** Runs a bench child to its end and returns the JSON it reported. */
export function runChild<T>(script: string, args: string[], nodeFlags: string[] = []): Promise<T> {
  return startChild<T>(script, args, { nodeFlags }).result;
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Kills a child this benchmark started and waits for it. */
export async function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited(child);
}

/** A port that was free a moment ago, for a child to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

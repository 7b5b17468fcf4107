/**
 * Figure 5: webhook throughput over real HTTP on loopback. autocannon (in this process) POSTs the realistic
 * mix, each request with a fresh update_id (khabar drops repeated ones) and the readers' own user ids
 * (10,000 of them, one update each per 10,000 requests, far below the rate limit), to:
 * - khabar: as deployed, `npm start`'s `scripts/start.mjs` in webhook mode (SQLite in a fresh DATA_DIR,
 *   LOG_LEVEL=warn);
 * - the baseline: `bench/child/bare-webhook.mjs`, grammY's `webhookCallback` on node:http, plain
 *   JavaScript, one fixed answer.
 * Both call the bench's stand-in Bot API (keep-alive HTTP, in this process; see fake-api-server.ts) for
 * every answer.
 *
 * The two servers run side by side and take turns in short segments, so load from elsewhere on the machine
 * hits both alike. Besides requests/s and latency it records each server's CPU time per request (from
 * /proc): throughput can be capped by the load generator or the fake API sharing the 2 cores, CPU per
 * request cannot.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon, { type Result } from "autocannon";
import type { Update } from "grammy/types";
import { BENCH_TOKEN, WEBHOOK_SECRET } from "./config.js";
import { startBenchApiServer } from "./fake-api-server.js";
import { Mix } from "./mix.js";
import { cleanEnv, cpuSeconds, freePort, spawnScript, stop } from "./procs.js";
import { slowDownDetector } from "./slow-down.js";
import { sleep } from "./stats.js";

const PATH = "/webhook";
const KHABAR_SCRIPT = "scripts/start.mjs";

/** A pre-serialised update with holes for update_id and the callback query id. */
interface Template {
  update: Update;
  parts: string[];
}

const UPDATE_ID_HOLE = 1_234_567_890_123;
const QUERY_ID_HOLE = "@@query@@";

function template(update: Update): Template {
  const copy: Update = { ...update, update_id: UPDATE_ID_HOLE };
  if (copy.callback_query) copy.callback_query = { ...copy.callback_query, id: QUERY_ID_HOLE };
  const json = JSON.stringify(copy);
  const [head = "", rest = ""] = json.split(String(UPDATE_ID_HOLE));
  return { update, parts: [head, ...rest.split(QUERY_ID_HOLE)] };
}

export interface ServerRun {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  cpuMsPerRequest: number;
  cpuUtilisation: number;
  /** This process (autocannon and the fake Bot API) during the run, in cores. */
  loadGeneratorCpuUtilisation: number;
  /** Requests/s and p99 latency of each segment, in the order they ran. */
  segmentRequestsPerSecond: number[];
  segmentP99Ms: number[];
  segmentCpuMsPerRequest: number[];
}

export interface WebhookResult {
  connections: number;
  seconds: number;
  khabar: ServerRun;
  baseline: ServerRun;
  rateLimitNotices: number;
  fakeApiCalls: number;
}

async function waitForHealth(url: string, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} not healthy within ${timeoutMs} ms:\n${stderr().slice(-2000)}`);
    await sleep(50);
  }
}

export async function measureWebhook(options: {
  connections: number;
  /** Measured seconds per server, split into `segments` alternating runs. */
  seconds: number;
  segments: number;
  warmupSeconds: number;
  readers: number;
  steps: number;
}): Promise<WebhookResult> {
  const isSlowDown = slowDownDetector();
  let rateLimitNotices = 0;
  const api = await startBenchApiServer({
    token: BENCH_TOKEN,
    onCall: (method, body) => {
      if ((method === "sendMessage" || method === "answerCallbackQuery") && isSlowDown(body))
        rateLimitNotices++;
    },
  });
  const mix = new Mix({
    readers: options.readers,
    steps: options.steps,
    seed: 99,
    firstUserId: 3_000_000,
    firstUpdateId: 1,
  });
  const templates = [...mix].map((item) => template(item.update));
  let sent = 0;
  const nextBody = (): string => {
    const n = sent++;
    const t = templates[n % templates.length];
    if (!t) throw new Error("empty mix");
    const [head = "", ...rest] = t.parts;
    let body = `${head}${100_000_000 + n}${rest[0] ?? ""}`;
    if (rest.length > 1) body += `w${n}${rest[1] ?? ""}`;
    return body;
  };
  const blast = (url: string, seconds: number): Promise<Result> =>
    Promise.resolve(
      autocannon({
        url,
        method: "POST",
        connections: options.connections,
        duration: seconds,
        timeout: 30,
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
        requests: [
          {
            setupRequest: (request) => {
              request.body = nextBody();
              return request;
            },
          },
        ],
      }),
    );

  interface Server {
    url: string;
    pid: number;
    segments: Array<{ result: Result; cpu: number; own: number }>;
    close(): Promise<void>;
  }

  async function launch(script: string, env: Record<string, string>): Promise<Server> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "khabar-bench-webhook-"));
    const child = spawnScript(script, {
      // Profiling runs only: BENCH_WEBHOOK_PROFILE=<dir> writes a CPU profile of the khabar child there.
      ...(script === KHABAR_SCRIPT && process.env.BENCH_WEBHOOK_PROFILE
        ? { nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WEBHOOK_PROFILE}`] }
        : {}),
      env: cleanEnv({
        ...env,
        BOT_TOKEN: BENCH_TOKEN,
        BOT_API_ROOT: api.apiRoot,
        WEBHOOK_SECRET,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
      }),
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.stdout?.resume();
    const close = async (): Promise<void> => {
      // A profile is written only on an orderly exit.
      await stop(child, process.env.BENCH_WEBHOOK_PROFILE ? "SIGTERM" : "SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    };
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, 20_000, () => stderr);
    } catch (error) {
      await close();
      throw error;
    }
    return { url: `http://127.0.0.1:${port}${PATH}`, pid: child.pid ?? 0, segments: [], close };
  }

  async function segment(server: Server): Promise<void> {
    const cpuBefore = cpuSeconds(server.pid);
    const ownBefore = process.cpuUsage();
    const result = await blast(server.url, options.seconds / options.segments);
    const own = process.cpuUsage(ownBefore);
    server.segments.push({
      result,
      cpu: cpuSeconds(server.pid) - cpuBefore,
      own: (own.user + own.system) / 1e6,
    });
  }

  function summarise(server: Server): ServerRun {
    let requests = 0;
    let non2xx = 0;
    let errors = 0;
    let cpu = 0;
    let own = 0;
    let duration = 0;
    for (const { result, cpu: c, own: o } of server.segments) {
      requests += result["2xx"] + result.non2xx;
      non2xx += result.non2xx;
      errors += result.errors;
      cpu += c;
      own += o;
      duration += result.duration;
    }
    const p = (pick: (r: Result) => number) =>
      server.segments.reduce((sum, s) => sum + pick(s.result), 0) / server.segments.length;
    return {
      requestsPerSecond: requests / duration,
      latencyP50Ms: p((r) => r.latency.p50),
      latencyP99Ms: p((r) => r.latency.p99),
      requests,
      non2xx,
      errors,
      cpuMsPerRequest: (cpu * 1000) / Math.max(1, requests),
      cpuUtilisation: cpu / duration,
      loadGeneratorCpuUtilisation: own / duration,
      segmentRequestsPerSecond: server.segments.map(
        (s) => (s.result["2xx"] + s.result.non2xx) / s.result.duration,
      ),
      segmentP99Ms: server.segments.map((s) => s.result.latency.p99),
      segmentCpuMsPerRequest: server.segments.map(
        (s) => (s.cpu * 1000) / Math.max(1, s.result["2xx"] + s.result.non2xx),
      ),
    };
  }

  const servers: Server[] = [];
  try {
    const khabar = await launch(KHABAR_SCRIPT, {
      BOT_MODE: "webhook",
      WEBHOOK_PATH: PATH,
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
    });
    servers.push(khabar);
    const baseline = await launch("bench/child/bare-webhook.mjs", {});
    servers.push(baseline);
    await blast(khabar.url, options.warmupSeconds);
    await blast(baseline.url, options.warmupSeconds);
    // Alternating segments, so a burst of load from elsewhere on the machine hits both alike.
    for (let i = 0; i < options.segments; i++) {
      await segment(i % 2 === 0 ? khabar : baseline);
      await segment(i % 2 === 0 ? baseline : khabar);
    }
    return {
      connections: options.connections,
      seconds: options.seconds,
      khabar: summarise(khabar),
      baseline: summarise(baseline),
      rateLimitNotices,
      fakeApiCalls: [...api.calls.values()].reduce((a, b) => a + b, 0),
    };
  } finally {
    for (const server of servers) await server.close();
    await api.close();
  }
}

/**
 * Whether this start is a preview, and with what: `npm run preview [-- --content <dir>] [--host <addr>]`
 * asks for it; `npm start` without BOT_TOKEN outside production falls back to it, so a fresh clone shows
 * the bot working without a token or a connection to Telegram.
 */

/** A preview start. */
export interface PreviewRequest {
  /** Asked for with --preview (npm run preview) rather than fallen back to for want of a token. */
  explicit: boolean;
  /** --content: the story folder(s) to preview instead of CONTENT_DIR. */
  contentDir?: string;
  /** --host: where the page listens; loopback by default, since the preview has no login. */
  host: string;
}

/** A command line the preview cannot run with. */
export class PreviewUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewUsageError";
  }
}

/** Reads the command line and environment; undefined = run the bot on Telegram as usual. */
export function previewRequest(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): PreviewRequest | undefined {
  const explicit = argv.includes("--preview");
  const noToken = (env.BOT_TOKEN ?? "").trim() === "";
  if (!explicit && !(noToken && env.NODE_ENV !== "production")) return undefined;
  const request: PreviewRequest = { explicit, host: "127.0.0.1" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--preview") continue;
    if (arg === "--content" || arg === "--host") {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new PreviewUsageError(`${arg} needs a value`);
      if (arg === "--content") request.contentDir = value;
      else request.host = value;
      i++;
      continue;
    }
    throw new PreviewUsageError(
      `unknown option ${JSON.stringify(arg)}: the preview takes --content <dir> and --host <address>`,
    );
  }
  return request;
}

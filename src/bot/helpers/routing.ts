import {
  type CommandContext,
  type CommandMiddleware,
  Composer,
  type Filter,
  type MiddlewareFn,
  type NextFunction,
} from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../context.js";
import { decodeTarget, type Route } from "../routes.js";
import type { Views } from "./views.js";

/** Each press's data is decoded once, however many features look at it. */
const decoded = new WeakMap<object, Route | undefined>();

/**
 * The route a button press carries, or `undefined` for forged, stale or malformed data, and for data of a
 * story that is not served (removed, or a draft again): those get the stale-button answer.
 */
export function routeOf(ctx: RouteContext, views: Views): Route | undefined {
  const query = ctx.callbackQuery;
  if (decoded.has(query)) return decoded.get(query);
  const target = decodeTarget(query.data);
  const route = target && views.storyOfTarget(target) ? target.route : undefined;
  decoded.set(query, route);
  return route;
}

/** A button press whose data decoded to a route of kind `K`. */
export type RouteContext = Filter<BotContext, "callback_query:data">;

/**
 * Registers a handler for the buttons of one route kind. Data is decoded strictly (see `decodeTarget`), so
 * forged or malformed data never reaches a handler and falls through to the stale-button answer. On a
 * Feature it is an entry of the bot's dispatch table (see `Dispatcher`).
 */
export function onRoute<K extends Route["to"]>(
  composer: Composer<BotContext>,
  views: Views,
  to: K,
  handler: (ctx: RouteContext, route: Extract<Route, { to: K }>) => Promise<unknown>,
): void {
  // A Feature's routes go into the bot's dispatch table; any other composer filters presses itself.
  if (composer instanceof Feature) {
    composer.addRoute(to, (ctx, route) => handler(ctx, route as Extract<Route, { to: K }>));
    return;
  }
  composer.on("callback_query:data", async (ctx, next) => {
    const route = routeOf(ctx, views);
    if (route?.to !== to) return next();
    await handler(ctx, route as Extract<Route, { to: K }>);
  });
}

/** A handler of one route kind's buttons (see `onRoute`). */
export type RouteHandler = (ctx: RouteContext, route: Route) => Promise<unknown>;

type CommandName = Parameters<Composer<BotContext>["command"]>[0];

/**
 * A feature's Composer. Its commands (`feature.command`, as on any Composer) and button routes (`onRoute`)
 * are not middleware of its own but entries of the bot's dispatch table, which `Dispatcher.mount` takes
 * over; whatever else it has (`feature.on(...)`) stays its own middleware, run in place.
 */
export class Feature extends Composer<BotContext> {
  /** Handlers by command name (without the slash; `name@bot` as grammY allows). */
  readonly commands = new Map<string, MiddlewareFn<BotContext>>();
  /** Handlers by route kind. */
  readonly routes = new Map<Route["to"], RouteHandler>();
  private mounted = false;
  private own = false;

  /** Whether it has middleware of its own besides its table entries (a dispatcher skips it if not). */
  get hasOwnMiddleware(): boolean {
    return this.own;
  }

  // Every way to add middleware (`on`, `filter`, `chatType`, …) ends here.
  override use(...middleware: Parameters<Composer<BotContext>["use"]>): Composer<BotContext> {
    this.own = true;
    return super.use(...middleware);
  }

  /** Like `Composer.command` (same matching, `ctx.match` set the same way), as an entry of the table. */
  override command(
    command: CommandName,
    ...middleware: Array<CommandMiddleware<BotContext>>
  ): Composer<CommandContext<BotContext>> {
    const chain = new Composer<CommandContext<BotContext>>(...middleware);
    // The dispatcher calls it only for a message that carries this command, with `ctx.match` set; read
    // lazily, as grammY does, so middleware chained onto the returned composer later is run too.
    const run: MiddlewareFn<BotContext> = (ctx, next) =>
      chain.middleware()(ctx as CommandContext<BotContext>, next);
    for (const name of Array.isArray(command) ? command : [command]) {
      if (name.startsWith("/")) throw new Error(`register the command "${name.slice(1)}" without its slash`);
      once(this.commands, name, run, "command");
    }
    return chain;
  }

  /** Registers the handler of one route kind's buttons (what `onRoute` does for a Feature). */
  addRoute(to: Route["to"], handler: RouteHandler): void {
    once(this.routes, to, handler, "route");
  }

  /** Marks it taken over by a dispatcher: from then on its entries are the table's. */
  markMounted(): void {
    this.mounted = true;
  }

  override middleware(): MiddlewareFn<BotContext> {
    // grammY asks for this per update. A feature used without a dispatcher would silently never answer
    // its commands and buttons.
    if (!this.mounted && (this.commands.size > 0 || this.routes.size > 0))
      throw new Error("a Feature with commands or routes must be installed with Dispatcher.mount");
    return super.middleware();
  }
}

function once<K, V>(map: Map<K, V>, key: K, value: V, what: string): void {
  if (map.has(key)) throw new Error(`the ${what} "${String(key)}" is registered twice`);
  map.set(key, value);
}

/** What an update asks for: decoded once, whichever mount point looks first. */
type Decoded =
  | { kind: "command"; name: string; atBot: string | undefined; bare: string; match: string }
  | { kind: "route"; route: Route }
  | { kind: "none" };

/**
 * The command a message starts with, exactly as grammY's `command` filter reads it: a `bot_command` entity
 * at offset 0 of a message's (or channel post's) text or caption, `ctx.match` being what follows it.
 */
function decodeCommand(ctx: BotContext): Decoded {
  const msg = ctx.message ?? ctx.channelPost;
  const text = msg?.text ?? msg?.caption;
  const entity = msg?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (text === undefined || entity === undefined) return { kind: "none" };
  const name = text.substring(1, entity.length);
  const at = name.indexOf("@");
  return {
    kind: "command",
    name,
    atBot: at === -1 ? undefined : name.substring(at + 1).toLowerCase(),
    bare: at === -1 ? name : name.substring(0, at),
    match: text.substring(name.length + 1).trimStart(),
  };
}

/**
 * The bot's one dispatch table of commands and button routes, owned by `createBot`. Each update's callback
 * data or command is decoded once and looked up, instead of every feature's Composer testing every update;
 * nothing found (or an entry of another mount point) falls through to the next middleware, so the
 * catch-all still answers stale buttons and unknown commands. Mount points keep the middleware order:
 * `/cancel` and its button are dispatched before the conversation, the other features after it.
 */
export class Dispatcher {
  private readonly commands = new Map<string, { point: number; run: MiddlewareFn<BotContext> }>();
  private readonly routes = new Map<Route["to"], { point: number; run: RouteHandler }>();
  private readonly decoded = new WeakMap<Update, Decoded>();
  private points = 0;

  constructor(private readonly views: Views) {}

  /**
   * One point of the middleware chain: dispatches the commands and routes of `features`, then runs each
   * feature's own middleware in order (any composer may be among them; only a Feature has entries).
   */
  mount(...features: Composer<BotContext>[]): Composer<BotContext> {
    const point = this.points++;
    for (const feature of features) {
      if (!(feature instanceof Feature)) continue;
      for (const [name, run] of feature.commands) once(this.commands, name, { point, run }, "command");
      for (const [to, run] of feature.routes) once(this.routes, to, { point, run }, "route");
      feature.markMounted();
    }
    const composer = new Composer<BotContext>((ctx, next) => this.dispatch(ctx, next, point));
    // grammY walks every composer in the chain for every update: those with nothing left to run are left out.
    const rest = features.filter((feature) => !(feature instanceof Feature) || feature.hasOwnMiddleware);
    if (rest.length > 0) composer.use(...rest);
    return composer;
  }

  private decode(ctx: BotContext): Decoded {
    const known = this.decoded.get(ctx.update);
    if (known) return known;
    let decoded: Decoded;
    if (ctx.callbackQuery?.data !== undefined) {
      const route = routeOf(ctx as RouteContext, this.views);
      decoded = route ? { kind: "route", route } : { kind: "none" };
    } else decoded = decodeCommand(ctx);
    this.decoded.set(ctx.update, decoded);
    return decoded;
  }

  private async dispatch(ctx: BotContext, next: NextFunction, point: number): Promise<void> {
    const decoded = this.decode(ctx);
    if (decoded.kind === "route") {
      const entry = this.routes.get(decoded.route.to);
      if (entry?.point !== point) return next();
      await entry.run(ctx as RouteContext, decoded.route);
      return;
    }
    if (decoded.kind === "command") {
      const entry = this.commandEntry(decoded, ctx);
      if (entry?.point !== point) return next();
      ctx.match = decoded.match;
      await entry.run(ctx, next);
      return;
    }
    return next();
  }

  /** `/name` or `/name@<this bot>` (grammY's matching: the name is case-sensitive, the bot's name is not). */
  private commandEntry(decoded: Extract<Decoded, { kind: "command" }>, ctx: BotContext) {
    const exact = this.commands.get(decoded.name);
    if (exact) return exact;
    if (decoded.atBot === undefined || decoded.atBot !== ctx.me.username.toLowerCase()) return undefined;
    return this.commands.get(decoded.bare);
  }
}

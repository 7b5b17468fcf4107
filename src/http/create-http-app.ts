import type { IncomingMessage } from "node:http";
import { Hono } from "hono";
import type { Logger } from "pino";

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  logger: Logger;
  /** Route groups to mount at the root: the webhook, `/healthz`, the local preview. */
  routes: readonly Hono[];
}

/**
 * The one Hono app an HTTP process serves: the given route groups, JSON 404 for anything else, and a JSON
 * 500 for an error no route handled (logged once, with the route's method and path only: a request's
 * headers and body may hold the secret or a reader's text). Serve it with `createHttpServer`.
 */
export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono();
  // An answer given before the request's body is in (a 401, 403, 404, 413…) closes the connection: the
  // body will never be read, and a client told so does not send its next request on that connection.
  app.use("*", async (c, next) => {
    await next();
    // @hono/node-server passes Node's request as `env.incoming`.
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (incoming !== undefined && !incoming.complete) c.res.headers.set("connection", "close");
  });
  for (const routes of options.routes) app.route("/", routes);
  app.notFound((c) => c.json({ ok: false, error: "not found" }, 404));
  app.onError((error, c) => {
    options.logger.error({ err: error, method: c.req.method, path: c.req.path }, "HTTP request failed");
    return c.json({ ok: false, error: "internal error" }, 500);
  });
  return app;
}

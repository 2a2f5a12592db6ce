import { Hono } from "hono";
import { createAnswerRoutes } from "../../src/api/answer-routes.ts";
import { authenticate, type ApiEnv } from "../../src/api/auth.ts";
import { toHttpError } from "../../src/api/errors.ts";
import { createAsk, createChat, type AskDeps } from "../../src/answer/ask.ts";
import type { Generator } from "../../src/answer/generate/port.ts";
import type { Retrieve } from "../../src/retrieve/types.ts";

/**
 * The answer routes mounted the way the main app does: the caller authenticated (here as the trusted local user, as
 * without API tokens) and typed errors mapped to HTTP in one `onError`.
 */
export function answerRoutesApp(retrieve: Retrieve, generator: Generator | null, deps: Pick<AskDeps, "termFrequencies"> = {}): Hono<ApiEnv> {
  const ask = createAsk({ retrieve, generator, ...deps });
  const app = new Hono<ApiEnv>();
  app.use("*", authenticate(null));
  app.route("/", createAnswerRoutes({ ask, chat: createChat({ ask, generator }) }));
  app.onError((error, c) => {
    const { status, body } = toHttpError(error);
    return c.json(body, status);
  });
  return app;
}

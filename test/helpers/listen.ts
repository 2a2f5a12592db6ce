import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

/** An app served on a free loopback port for a test: its base URL, and a close that also ends open streams (SSE). */
export interface Listening {
  base: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(fetch: (request: Request) => Response | Promise<Response>): Promise<Listening> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(instance));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

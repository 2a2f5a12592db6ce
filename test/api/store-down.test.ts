import { describe, expect, it } from "vitest";
import { toHttpError } from "../../src/api/errors.ts";

/** What drizzle throws over node-postgres when the server is gone: its own wrapper, the driver's error as cause. */
function failedQuery(cause: object): Error {
  return new Error('Failed query: select "documents"."id" from "documents" where "documents"."id" = $1\nparams: x', { cause });
}

describe("a store that goes away under a request (qa3)", () => {
  it("answers 503 store_unavailable, not 500 internal, when PostgreSQL is down, restarting or dropped the connection", () => {
    // Seen with serve on PostgreSQL stopped by pg_ctl: POST /v1/search answered 500 "Internal error".
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:15433"), { code: "ECONNREFUSED" });
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    const starting = Object.assign(new Error("the database system is starting up"), { code: "57P03" });
    const terminated = new Error("Connection terminated unexpectedly");
    const linkLost = Object.assign(new Error("connection failure during authentication"), { code: "08006" });
    for (const cause of [refused, shutdown, starting, terminated, linkLost]) {
      const { status, body } = toHttpError(failedQuery(cause));
      expect(status, cause.message).toBe(503);
      expect(body.error.code).toBe("store_unavailable");
      // Nothing of the query or the address reaches the client.
      expect(body.error.message).not.toMatch(/select|15433|params/i);
    }
  });

  it("keeps other unexpected errors, database ones included, a 500 that says nothing more", () => {
    const constraint = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" });
    expect(toHttpError(failedQuery(constraint))).toEqual({ status: 500, body: { error: { code: "internal", message: "Internal error" } } });
    expect(toHttpError(new TypeError("x is undefined")).status).toBe(500);
  });
});

/**
 * Whether an error (or any error in its `cause` chain) says the database connection is gone: PostgreSQL down,
 * restarting, or the connection dropped mid-query. Such an error is the store being unreachable, which a retry may
 * cure, not a defect in jikji. No imports: the API's error mapping uses it on the embedded default too.
 */
export function isStoreConnectionLoss(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("08") || code.startsWith("57P"))) return true;
    if (/^Connection terminated|^Client has encountered a connection error|^Connection closed/.test(current.message)) return true;
  }
  return false;
}

/** Socket failures node-postgres passes through; SQLSTATE classes 08 (connection exception) and 57P (operator intervention) are matched by prefix. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

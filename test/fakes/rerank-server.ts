/**
 * A real HTTP server on 127.0.0.1 speaking the `/rerank` wire formats: TEI's (`{query, texts}` →
 * `[{index, score}]`) and the Cohere-style one vLLM, Infinity and Jina serve (`{model, query, documents, top_n}` →
 * `{results: [{index, relevance_score}]}`, best first). It stands in for a cross-encoder with a crude relevance
 * score of its own (shared words and Hangul syllable pairs), so adapters are tested against the wire, not against
 * jikji's own ranking. Tests script failures and read back the requests.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type RerankReply =
  | { kind: "scores" }
  | { kind: "status"; status: number; body?: string }
  | { kind: "slow"; delayMs: number }
  | { kind: "raw"; body: string }
  | { kind: "missing-one" };

export interface FakeRerankServer {
  /** Root URL (TEI style); the Cohere-style endpoint is under `${url}/v1`. */
  url: string;
  requests: Array<{ path: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> }>;
  /** Replies for the next calls, in order; when empty, real scores. */
  replies: RerankReply[];
  close(): Promise<void>;
}

function features(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Hangul}/u.test(word)) for (let i = 0; i + 1 < word.length; i++) out.add(word.slice(i, i + 2));
    else if (word.length > 2) out.add(word);
  }
  return out;
}

function relevance(query: string, text: string): number {
  const wanted = features(query);
  const got = features(text);
  let shared = 0;
  for (const feature of wanted) if (got.has(feature)) shared++;
  return wanted.size === 0 ? 0 : shared / wanted.size;
}

export async function startFakeRerankServer(): Promise<FakeRerankServer> {
  const requests: FakeRerankServer["requests"] = [];
  const replies: RerankReply[] = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw || "{}") as Record<string, unknown>;
    requests.push({ path: req.url ?? "", headers: req.headers, body });
    const reply = replies.shift() ?? { kind: "scores" };
    const send = (status: number, payload: string) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(payload);
    };
    if (reply.kind === "status") return send(reply.status, reply.body ?? JSON.stringify({ error: "overloaded" }));
    if (reply.kind === "raw") return send(200, reply.body);
    if (reply.kind === "slow") await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const cohere = req.url === "/v1/rerank";
    if (!cohere && req.url !== "/rerank") return send(404, JSON.stringify({ error: "not found" }));
    const query = String(body.query ?? "");
    const texts = ((cohere ? body.documents : body.texts) ?? []) as string[];
    let scored = texts.map((text, index) => ({ index, score: relevance(query, text) })).sort((a, b) => b.score - a.score);
    if (reply.kind === "missing-one") scored = scored.slice(1);
    if (cohere) {
      const topN = typeof body.top_n === "number" ? body.top_n : scored.length;
      return send(200, JSON.stringify({ id: "rerank-1", model: body.model, results: scored.slice(0, topN).map((s) => ({ index: s.index, relevance_score: s.score })) }));
    }
    return send(200, JSON.stringify(scored));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The same contract against a real Qdrant, when one is reachable: `QDRANT_URL=http://localhost:6333 npx vitest run
 * test/index/qdrant-live.test.ts` (optionally `QDRANT_API_KEY`). Each case gets its own collection.
 */
import { randomUUID } from "node:crypto";
import { describe } from "vitest";
import { createQdrantIndex } from "../../src/retrieve/index/qdrant.ts";
import { searchIndexContract } from "../contracts/search-index.contract.ts";

const url = process.env["QDRANT_URL"];
const apiKey = process.env["QDRANT_API_KEY"];

if (url === undefined || url === "") {
  console.warn("Qdrant live contract suite skipped: QDRANT_URL is not set");
}

describe.skipIf(url === undefined || url === "")("Qdrant live", () => {
  searchIndexContract(`Qdrant adapter against ${url}`, async () => {
    const collection = `jikji_contract_${randomUUID().replaceAll("-", "")}`;
    const make = () =>
      createQdrantIndex({ url: url ?? "", collection, timeoutMs: 10_000, ...(apiKey === undefined ? {} : { apiKey }) });
    return {
      index: make(),
      reopen: make,
      cleanup: async () => {
        await fetch(`${url}/collections/${collection}`, {
          method: "DELETE",
          headers: apiKey === undefined ? {} : { "api-key": apiKey },
        });
      },
    };
  });
});

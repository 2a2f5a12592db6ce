import { storeContract } from "../contracts/store.contract.ts";
import { databaseTargets } from "../helpers/databases.ts";

// One contract, every driver: in-memory PGlite always, PostgreSQL when JIKJI_TEST_DATABASE_URL is set.
for (const target of databaseTargets) storeContract(target.name, target.open);
// The same cases with search's hydration cache, which only the embedded store (one writing process) may have.
for (const target of databaseTargets.filter((target) => target.name === "pglite")) {
  storeContract(target.name, target.open, { hydrationCache: true });
}

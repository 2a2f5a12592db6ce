import { inject } from "vitest";
import { useProcessTemplate } from "../../src/store/process-template.ts";

// New PGlite stores opened without a cache dir are loaded from the migrated data dir test/helpers/pglite-global.ts
// made once for the run: the schema initdb and the migrations give, for ~1.2 s of CPU instead of ~3.5 s. Tests of
// initdb and the migrations themselves (test/store/pglite-template.test.ts) turn it off with useProcessTemplate(null).
useProcessTemplate(inject("pgliteTemplate"));

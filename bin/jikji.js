#!/usr/bin/env node
// Runs the TypeScript CLI directly: Node 24 strips types natively, so there is no build step.
// `npm install` brings Node 24 (the `node` package) and npx/npm scripts put it first on PATH.
const [major] = process.versions.node.split(".").map(Number);
if (major < 24) {
  console.error(
    `jikji needs Node.js 24 or later, but this is ${process.version}. ` +
      "Run it through npm (npx jikji …, npm start) so the project's Node 24 is used, or install Node 24.",
  );
  process.exit(1);
}
await import("../src/cli/main.ts");

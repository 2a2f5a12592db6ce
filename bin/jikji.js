#!/usr/bin/env node
// Runs the TypeScript CLI directly: Node 24 strips types natively, so there is no build step.
import "../src/cli/main.ts";

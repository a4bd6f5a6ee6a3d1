#!/usr/bin/env node
// The `syndicator` command; the code is compiled to dist/ by `npm install` (prepare) or `npm run build`.
import { runCli } from '../dist/cli.js';

await runCli(process.argv.slice(2));

#!/usr/bin/env node
// The `okr` command. Runs the TypeScript sources directly through tsx, so a checkout needs no build
// step. The tsconfig is named explicitly so JSX (hono/jsx) compiles from any working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../sync-service/cli/main.ts');

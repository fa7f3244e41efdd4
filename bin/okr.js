#!/usr/bin/env node
// The `okr` command. Runs the TypeScript sources directly through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../sync-service/cli/main.ts');

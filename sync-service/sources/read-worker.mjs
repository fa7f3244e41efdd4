// Entry of the workbook-reading worker. A worker does not inherit the parent's TypeScript loader,
// so it registers tsx itself (with the project's tsconfig) before loading the reader.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./read-worker.ts');

// Entry point of bin/okr.js.
import { processIO } from './io.ts';
import { runCli } from './program.ts';

// `okr rollup … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), processIO());

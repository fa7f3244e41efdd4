// The `okr` command line: one module per command.
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { ConfigError } from '../config/load.ts';
import { errorMessage } from '../engine/sync.ts';
import { registerInit } from './commands/init.ts';
import { registerRollup } from './commands/rollup.ts';
import { registerRemind } from './commands/remind.ts';
import { registerServe } from './commands/serve.ts';
import { registerSync } from './commands/sync.ts';
import { registerTemplate } from './commands/template.ts';
import { registerValidate } from './commands/validate.ts';
import type { CliIO } from './io.ts';

export function buildProgram(io: CliIO, exit: (code: number) => void): Command {
  const program = new Command('okr')
    .description('OKR Sheets: roll team OKR sheets up into one company alignment view')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError();
  registerRollup(program, io, exit);
  registerValidate(program, io, exit);
  registerServe(program, io, exit);
  registerSync(program, io, exit);
  registerInit(program, io, exit);
  registerRemind(program, io, exit);
  registerTemplate(program, io, exit);
  return program;
}

/** The version in package.json (imported, so the bundle bin/okr.js runs carries it too). */
export function packageVersion(): string {
  return pkg.version;
}

/** Runs the CLI with argv (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    io.stderr.write(`okr: ${errorMessage(err)}\n`);
    if (io.env.OKR_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

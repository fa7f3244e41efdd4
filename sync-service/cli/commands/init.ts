// okr init: write a starter okr.config.json. JSON has no comments, so each section explains itself
// in a "$comment" key, which the config reader accepts anywhere.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE, parseConfig } from '../../config/load.ts';
import type { CliIO } from '../io.ts';

export function starterConfig(folder = './okrs') {
  return {
    $comment: [
      'okr sync service configuration. Every "$comment" key is ignored.',
      'Environment variables win over this file: DATABASE_URL, PORT, OKR_TOKEN (the bearer token for POST /api/sync).',
      'allowedHosts: host names answered besides localhost, 127.0.0.1, [::1] and host (any other Host header gets a 403); add yours when host is 0.0.0.0.',
    ],
    company: {
      $comment: "Both optional: by default the company sheet's Team: and Mission: lines are used.",
      name: 'Our company',
      mission: 'What we are here to do, in one sentence.',
    },
    period: {
      $comment: "Optional. The OKR period statuses are judged against; default: the company sheet's Period:, Start: and End:.",
      label: '2026-Q4',
      start: '2026-10-01',
      end: '2026-12-31',
    },
    sources: {
      $comment: [
        'Where the team sheets are. folder: .xlsx / .csv files, one team each (relative to this file).',
        'google: a Drive folder id and/or spreadsheet ids, read with a service account (credentials: its key file;',
        'default GOOGLE_APPLICATION_CREDENTIALS / application default credentials). Share the sheets with it.',
      ],
      folder,
    },
    companySheet: {
      $comment: 'Optional. Where the company roll-up is written after each sync: {"xlsx": "company.xlsx"} or {"spreadsheetId": "..."}.',
      xlsx: 'company-rollup.xlsx',
    },
    rollupMode: 'both',
    syncIntervalMinutes: 5,
    port: 8787,
    host: '127.0.0.1',
    allowedHosts: [],
    database: {
      $comment: 'Embedded PGlite in dataDir by default; set url (or DATABASE_URL) to use a Postgres server.',
      dataDir: '.okr/db',
    },
  };
}

export function initCommand(opts: { force?: boolean; folder?: string }, io: CliIO): number {
  const file = path.join(io.cwd, CONFIG_FILE);
  if (existsSync(file) && !opts.force) {
    io.stderr.write(`okr init: ${CONFIG_FILE} already exists (use --force to overwrite)\n`);
    return 1;
  }
  const config = starterConfig(opts.folder);
  parseConfig(config); // the starter must itself be valid
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout.write(`Wrote ${file}\nNext: put team workbooks in ${config.sources.folder} and run \`okr serve\`.\n`);
  return 0;
}

export function registerInit(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('init')
    .description(`write a starter ${CONFIG_FILE} (explained by "$comment" keys)`)
    .option('--force', 'overwrite an existing file')
    .option('--folder <path>', 'the team workbook folder to put in it', './okrs')
    .action((opts: { force?: boolean; folder?: string }) => exit(initCommand(opts, io)));
}

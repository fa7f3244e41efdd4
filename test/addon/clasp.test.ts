// The README's clasp steps work as written: `clasp create-script` refuses to run when a .clasp.json
// exists ("Project file already exists"), so none is committed — the command writes it, pointing
// rootDir at the build output, and .claspignore ships only the three built files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();

describe('clasp set-up', () => {
  it('no .clasp.json is committed, and a local one is ignored', () => {
    expect(git('ls-files', '.clasp.json')).toBe('');
    expect(git('check-ignore', '-v', '.clasp.json')).toContain('.gitignore');
  });

  it('the README creates the project into dist/addon, or clones an existing one there, then pushes the build', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('npx clasp create-script --type sheets --title "OKR Sheets" --rootDir dist/addon');
    expect(readme).toContain('npx clasp clone-script <scriptId> --rootDir dist/addon');
    expect(readme).not.toMatch(/put an existing script's id into \.clasp\.json/);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.push).toBe('npm run build && clasp push');
  });

  it('.claspignore ships exactly the built files', () => {
    const lines = readFileSync('.claspignore', 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual(['**/**', '!Code.js', '!Sidebar.html', '!appsscript.json']);
    if (existsSync('dist/addon/Code.js')) expect(existsSync('dist/addon/appsscript.json')).toBe(true);
  });
});

// Builds the add-on for clasp: dist/addon/Code.js (one esbuild bundle plus a top-level function per
// entry point, since Apps Script calls triggers, menu items and google.script.run by global name),
// appsscript.json, and Sidebar.html (from sidebar/build.ts when the sidebar exists).
// Run with `npm run build` (tsx apps-script/build.ts).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { build, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
export const OUT_DIR = join(root, 'dist', 'addon');
export const GLOBAL_NAME = 'OkrAddon';
const ENTRY = join(here, 'main.ts');
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Apps Script has no Node: importing a built-in fails the build instead of shipping a broken bundle. */
export const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.path.startsWith('node:') || builtins.has(args.path) || builtins.has(args.path.split('/')[0]!)) {
        return {
          errors: [
            {
              text: `"${args.path}" is a Node module, imported by ${relative(root, args.importer)}; Apps Script has no Node built-ins`,
            },
          ],
        };
      }
      return undefined;
    });
  },
};

const common = {
  entryPoints: [ENTRY],
  bundle: true,
  write: false,
  platform: 'neutral' as const,
  // Neutral platform resolves no package fields by default; the add-on imports only local files.
  mainFields: ['module', 'main'],
  target: 'es2020',
  charset: 'utf8' as const,
  legalComments: 'none' as const,
  logLevel: 'silent' as const,
  plugins: [noNodeBuiltins],
};

/** The entry module's export names, from esbuild's metafile (an ESM build reports them; an IIFE does not). */
async function entryExports(): Promise<string[]> {
  const result = await build({
    ...common,
    format: 'esm',
    metafile: true,
    outfile: 'exports.js',
    minify: false,
  });
  const outputs = Object.values(result.metafile.outputs);
  const exports = outputs.find((o) => o.entryPoint)?.exports ?? [];
  if (exports.length === 0) throw new Error('The entry module exports nothing: Apps Script would have no function to call');
  return [...exports].sort();
}

/** `function onOpen(...args) { return OkrAddon.onOpen(...args); }` for each export. */
export function stubs(names: readonly string[]): string {
  return names.map((name) => `function ${name}(...args) { return ${GLOBAL_NAME}.${name}(...args); }`).join('\n');
}

export interface AddonBuild {
  code: string;
  entryPoints: string[];
  bytes: { code: number; sidebar: number | null };
}

export interface BuildOptions {
  outDir?: string;
  /** Build Sidebar.html too (default true; skipped anyway when sidebar/build.ts does not exist). */
  sidebar?: boolean;
}

export async function buildAddon({ outDir = OUT_DIR, sidebar = true }: BuildOptions = {}): Promise<AddonBuild> {
  const names = await entryExports();
  const bad = names.filter((n) => !IDENTIFIER.test(n) || n === 'default');
  if (bad.length) throw new Error(`Entry exports that cannot be global functions: ${bad.join(', ')}`);

  const result = await build({
    ...common,
    format: 'iife',
    globalName: GLOBAL_NAME,
    minify: true,
    keepNames: false,
    outfile: 'Code.js',
  });
  const bundle = result.outputFiles?.[0]?.text;
  if (!bundle) throw new Error('esbuild produced no bundle');
  const code = `${bundle.trimEnd()}\n${stubs(names)}\n`;

  // Evaluate it with no services defined, as Apps Script loads it before any call: any top-level
  // service call would throw here, and every entry point must come out a function.
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'Code.js' });
  const notFunctions = names.filter(
    (n) => typeof (context as Record<string, unknown>)[n] !== 'function' || typeof (context[GLOBAL_NAME] as Record<string, unknown>)[n] !== 'function',
  );
  if (notFunctions.length) throw new Error(`Entry exports that are not functions: ${notFunctions.join(', ')}`);

  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'Code.js'), code);
  await copyFile(join(here, 'appsscript.json'), join(outDir, 'appsscript.json'));

  let sidebarBytes: number | null = null;
  const sidebarBuild = join(here, 'sidebar', 'build.ts');
  if (sidebar && existsSync(sidebarBuild)) {
    const mod = (await import(pathToFileURL(sidebarBuild).href)) as {
      buildSidebarHtml?: () => Promise<string>;
    };
    if (typeof mod.buildSidebarHtml !== 'function') throw new Error('apps-script/sidebar/build.ts does not export buildSidebarHtml()');
    const html = await mod.buildSidebarHtml();
    await writeFile(join(outDir, 'Sidebar.html'), html);
    sidebarBytes = Buffer.byteLength(html);
  }
  return {
    code,
    entryPoints: names,
    bytes: { code: Buffer.byteLength(code), sidebar: sidebarBytes },
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  buildAddon()
    .then((b) => {
      const out = relative(process.cwd(), OUT_DIR) || '.';
      console.log(`Built ${out}/ in ${Date.now() - started} ms`);
      console.log(`  Code.js         ${kb(b.bytes.code)}  (${b.entryPoints.length} entry points: ${b.entryPoints.join(', ')})`);
      console.log(`  Sidebar.html    ${b.bytes.sidebar === null ? '(skipped: no apps-script/sidebar/build.ts)' : kb(b.bytes.sidebar)}`);
      console.log('  appsscript.json');
    })
    .catch((e: unknown) => {
      console.error(`Build failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
}

// Checks that formatting changed layout only: every file changed in the working tree since HEAD (or since the
// commit given) is compared as the build sees it, not as text. TypeScript and JavaScript go through esbuild (types
// stripped, reprinted from the syntax tree without comments or layout); a .vue file's scripts the same way, its
// template compiled by Vue as the build does (whitespace 'condense', where a space between two elements that
// holds a line break is dropped); styles and .css files minified. Run it after `npm run format`; it prints each
// file whose compiled form differs, and exits 1 if any does.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse, compileTemplate } from '@vue/compiler-sfc';
import { transformSync } from 'esbuild';

const base = process.argv[2] ?? 'HEAD';
const git = (...args) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
const files = git('diff', '--name-only', '--diff-filter=M', base, '--', '*.ts', '*.mjs', '*.js', '*.vue', '*.css').split('\n').filter(Boolean);

// minifySyntax too, so that what only looks different (a quoted key Prettier unquoted) compiles the same.
const script = (code, lang) =>
  transformSync(code, { loader: lang === 'ts' ? 'ts' : 'js', minifyWhitespace: true, minifySyntax: true, legalComments: 'none' }).code;
// esbuild's CSS parser does not know Vue's :deep(); :is() parses the same way.
const style = (code) => transformSync(code.replace(/:deep\(/g, ':is('), { loader: 'css', minify: true }).code;

function compiled(file, text) {
  if (file.endsWith('.css')) return style(text);
  if (!file.endsWith('.vue')) return script(text, file.endsWith('.ts') ? 'ts' : 'js');
  const { descriptor } = parse(text, { filename: file });
  const parts = [descriptor.script, descriptor.scriptSetup].filter(Boolean).map((s) => script(s.content, s.lang));
  if (descriptor.template) {
    const { code } = compileTemplate({ source: descriptor.template.content, filename: file, id: file, compilerOptions: { comments: false } });
    parts.push(script(code, 'ts'));
  }
  for (const s of descriptor.styles) parts.push(style(s.content) + (s.scoped ? ' scoped' : ''));
  return parts.join('\n');
}

let differ = 0;
for (const file of files) {
  const before = compiled(file, git('show', `${base}:${file}`));
  const after = compiled(file, readFileSync(file, 'utf8'));
  if (before === after) continue;
  differ++;
  let at = 0;
  while (before[at] === after[at]) at++;
  console.log(`${file}\n  before: …${before.slice(Math.max(0, at - 80), at + 60)}\n  after:  …${after.slice(Math.max(0, at - 80), at + 60)}`);
}
console.log(`${files.length} files changed since ${base}: ${files.length - differ} compile to the same code, ${differ} differ`);
process.exit(differ ? 1 : 0);

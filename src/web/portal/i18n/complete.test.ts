// English must be complete: every portal string exists in both languages, with the same placeholders.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof obj === 'string') out.set(prefix, obj);
  else if (obj && typeof obj === 'object')
    for (const [k, v] of Object.entries(obj)) for (const [p, s] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
  return out;
}
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

const dir = fileURLToPath(new URL('./features', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe.each<[string, () => Promise<unknown>]>([
  ['core', async () => ({ zh: zhCN, en })],
  ...files.map((f): [string, () => Promise<unknown>] => [f, () => import(`./features/${f}`)]),
])('%s', (_name, load) => {
  it('has every key in both languages with the same placeholders', async () => {
    const { zh, en: english } = await (load as () => Promise<{ zh: object; en: object }>)();
    const [a, b] = [leaves(zh), leaves(english)];
    expect(
      [...a.keys()].filter((k) => !b.has(k)),
      'missing in English',
    ).toEqual([]);
    expect(
      [...b.keys()].filter((k) => !a.has(k)),
      'missing in Chinese',
    ).toEqual([]);
    expect(
      [...a.keys()].filter((k) => b.has(k) && placeholders(a.get(k)!).join() !== placeholders(b.get(k)!).join()),
      'placeholders differ',
    ).toEqual([]);
  });
});

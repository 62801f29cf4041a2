// Chinese search that behaves the same on PGlite and PostgreSQL under any locale: words from
// Intl.Segmenter plus CJK character bigrams, indexed with to_tsvector('simple', …).
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const CJK = /\p{Script=Han}/u;

function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const seg of segmenter.segment(text.toLowerCase())) {
    if (!seg.isWordLike) continue;
    const word = seg.segment.replace(/[^\p{L}\p{N}]/gu, '');
    if (!word) continue;
    out.add(word);
    const chars = Array.from(word);
    if (chars.some((c) => CJK.test(c))) {
      for (const c of chars) if (CJK.test(c)) out.add(c);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
    }
  }
  return out;
}

/** The value stored in a `search_text` column. */
export function buildSearchText(...parts: (string | null | undefined)[]): string {
  return [...tokens(parts.filter(Boolean).join(' '))].join(' ');
}

/**
 * The tsquery text for a user's query: every term must match. A CJK term is matched by its bigrams
 * (or itself when it is one character), so 书法 finds 书法(楷书) and 学城 finds 学城社区.
 */
export function buildSearchQuery(query: string): string | null {
  const terms: string[] = [];
  for (const seg of segmenter.segment(query.toLowerCase())) {
    if (!seg.isWordLike) continue;
    const word = seg.segment.replace(/[^\p{L}\p{N}]/gu, '');
    if (!word) continue;
    const chars = Array.from(word);
    if (chars.some((c) => CJK.test(c)) && chars.length > 1) {
      for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1]);
    } else terms.push(word);
  }
  if (terms.length === 0) return null;
  return [...new Set(terms)].map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ');
}

/**
 * A `search_text` column matches `buildSearchQuery`'s tsquery, written as the column's GIN index is
 * (`to_tsvector('simple', …)`), so the index serves it.
 */
export function searchTextMatches(column: AnyColumn, tsQuery: string): SQL {
  return sql`to_tsvector('simple', ${column}) @@ to_tsquery('simple', ${tsQuery})`;
}

/** The LIKE pattern of values that contain `text` as typed: its `%`, `_` and `\` match only themselves. */
export const containingPattern = (text: string) => '%' + text.replace(/[%_\\]/g, '\\$&') + '%';

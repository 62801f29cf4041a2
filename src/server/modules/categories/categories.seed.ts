// The shipped course taxonomy (data/course-taxonomy.json, see data/README.md), loaded on first start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const loadTaxonomy = (): { categories: { code: string; name: string; courses: string[] }[] } =>
  JSON.parse(readFileSync(fileURLToPath(new URL('../../../../data/course-taxonomy.json', import.meta.url)), 'utf8'));

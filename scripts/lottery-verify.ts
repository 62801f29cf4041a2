// Re-runs a published lottery draw and says whether it matches what was published:
//   npm run lottery:verify -- <publication.json | https://…/api/public/lottery-rounds/<id>/publication.json | https://…/lottery/<id>>
// Uses the same pure function as the server and the portal (src/contracts/lottery-draw.ts).
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { verifyPublication, type LotteryPublication } from '../src/contracts/lottery-draw';

const ROUND_PAGE = /\/lottery\/([0-9a-f-]{36})(?:\/verify)?\/?$/i;

export async function loadPublication(source: string): Promise<LotteryPublication> {
  if (!/^https?:\/\//.test(source)) return JSON.parse(await readFile(source, 'utf8'));
  const url = new URL(source);
  const page = ROUND_PAGE.exec(url.pathname);
  if (page) url.pathname = `/api/public/lottery-rounds/${page[1]}/publication.json`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as LotteryPublication;
}

/** Prints the re-run allocation and the three checks; returns true when everything matches. */
export function report(pub: LotteryPublication, print: (line: string) => void): boolean {
  if (pub.format !== 'learncity-lottery/1') throw new Error(`unknown format ${String(pub.format)}`);
  print(`摇号批次 Round: ${pub.roundName} (${pub.roundId})`);
  print(`申请 Applications: ${pub.applications.length}; 名额 Seats: ${pub.offerings.map((o) => `${o.title} ${o.seats}`).join(', ')}`);
  if (!pub.seed) {
    print('尚未摇号，种子未公开 The round has not been drawn; the seed is not revealed yet.');
    return false;
  }
  const v = verifyPublication(pub);
  const titles = new Map(pub.offerings.map((o) => [o.id, o.title]));
  print('');
  print('重新计算的分配 Re-run allocation (drawn order):');
  for (const a of v.allocations)
    print(`  #${String(a.position).padStart(5)}  ${a.token}  →  ${titles.get(a.offeringId) ?? a.offeringId}  (志愿 choice ${a.rank})`);
  for (const o of pub.offerings) print(`  ${o.title}: ${v.allocations.filter((a) => a.offeringId === o.id).length}/${o.seats}`);
  print('');
  const mark = (ok: boolean) => (ok ? '✔' : '✘');
  print(`${mark(v.seedMatchesHash)} SHA-256(种子 seed) = 公布的哈希 published hash ${pub.seedHash}`);
  print(`${mark(v.listMatchesDigest)} 名单摘要 list digest = ${pub.listDigest}`);
  print(`${mark(v.resultsMatch)} 重新摇号结果与公布结果一致 re-run allocation equals the published results`);
  if (v.differences.length) print(`  不一致的代号 differing tokens: ${v.differences.join(', ')}`);
  print(v.matches ? '一致 MATCHES' : '不一致 DOES NOT MATCH');
  return v.matches;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: npm run lottery:verify -- <publication.json | URL>');
    process.exit(2);
  }
  loadPublication(source)
    .then((pub) => process.exit(report(pub, (l) => console.log(l)) ? 0 : 1))
    .catch((e) => {
      console.error(String(e instanceof Error ? e.message : e));
      process.exit(2);
    });
}

// What other requests wait while an Excel import is written on the embedded database (issue 20: "On PGlite,
// other requests stall for seconds while an import is written"). A district officer imports N courses; while
// the job runs, another officer's request (the course library's first page, a database read) is sent again
// and again, one at a time, and each answer's wait is recorded. Prints figures and one JSON line; asserts nothing.
//   npx tsx bench/import-stall.ts [--rows 5000]            (PGlite, the demo district seeded first)
import ExcelJS from 'exceljs';
import { multipart } from '../test/support/multipart';
import { startTestPlatform } from '../test/support/platform';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROWS = Number(arg('rows', '5000'));

console.error('seeding the demo district…');
const p = await startTestPlatform({ template: false });
console.error('seeded');
const district = await p.login('district');
const street = await p.login('street');

const tpl = await p.request('GET', '/api/courses/import-template.xlsx', { headers: district });
const book = new ExcelJS.Workbook();
await book.xlsx.load(tpl.raw as unknown as ArrayBuffer);
const sheet = book.worksheets[0];
sheet.spliceRows(2, 1);
for (let i = 0; i < ROWS; i++)
  sheet.addRow([`导入压测课程 ${i + 1}`, '书画', '老年人、社会公众', '线下', 12, '从握笔讲起。', '', '330105', '否', '否', '已发布']);
const file = multipart(Buffer.from(await book.xlsx.writeBuffer()), { filename: 'courses.xlsx' });

const waits: number[] = [];
let importing = true;
const probe = (async () => {
  while (importing) {
    const t0 = performance.now();
    const res = await p.request('GET', '/api/courses?pageSize=1', { headers: street });
    if (res.status !== 200) throw new Error(`probe answered ${res.status}`);
    waits.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
})();

const started = performance.now();
const res = await p.request('POST', '/api/courses/import', { headers: { ...district, ...file.headers }, payload: file.payload });
if (res.status !== 202) throw new Error(`import answered ${res.status}: ${JSON.stringify(res.body)}`);
await p.services.jobs.settled(res.body.jobId);
const seconds = (performance.now() - started) / 1000;
importing = false;
await probe;
const job = (await p.request('GET', `/api/jobs/${res.body.jobId}`, { headers: district })).body;
await p.close();

waits.sort((a, b) => a - b);
const at = (q: number) => waits[Math.min(waits.length - 1, Math.ceil(waits.length * q) - 1)];
console.log(`PGlite: import of ${ROWS} courses ${job.status} (${JSON.stringify(job.result)}) in ${seconds.toFixed(1)} s`);
console.log(
  `another officer's library read during it: ${waits.length} answers, p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, longest ${waits[waits.length - 1].toFixed(0)} ms`,
);
console.log(
  JSON.stringify({
    rows: ROWS,
    status: job.status,
    importSeconds: Number(seconds.toFixed(2)),
    probes: waits.length,
    p50Ms: Math.round(at(0.5)),
    p99Ms: Math.round(at(0.99)),
    maxMs: Math.round(waits[waits.length - 1]),
  }),
);
process.exit(0);

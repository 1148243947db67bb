import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { passes, printTable, unjudgedTimedBudgets, type Row } from './lib/report';
import { searchBench } from './server/search.bench';
import { syncBench } from './server/sync.bench';
import { shareBench } from './server/share.bench';
import { groupsBench } from './server/groups.bench';
import { scaleBench } from './server/scale.bench';
import { serverMemoryBench } from './server/server-memory.bench';
import { matchBench } from './match.bench';
import { sizeBench } from './size.bench';
import { workerMemoryBench } from './worker-memory.bench';
import { popupBench } from './popup/popup.bench';
import { sharePanelBench } from './popup/share-panel.bench';
import { unlockBench } from './popup/unlock.bench';
import { virtualListBench } from './popup/virtual-list.bench';

/** `npm run bench [-- --smoke] [--only name,…]`: measures each budget of docs/architecture.md against a same-run baseline. */
const { values } = parseArgs({ options: { smoke: { type: 'boolean' }, only: { type: 'string' } } });
const smoke = !!values.smoke;
const sections: Record<string, (o: { smoke: boolean }) => Promise<Row[]>> = {
  search: searchBench,
  sync: syncBench,
  share: shareBench,
  groups: groupsBench,
  scale: scaleBench,
  'server-memory': serverMemoryBench,
  match: matchBench,
  size: sizeBench,
  'worker-memory': workerMemoryBench,
  popup: popupBench,
  'share-panel': sharePanelBench,
  unlock: unlockBench,
  'virtual-list': virtualListBench,
};
const wanted = values.only ? values.only.split(',') : Object.keys(sections);

const rows: Row[] = [];
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`;
const save = (done: boolean) =>
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), smoke, node: process.version, complete: done, rows }, null, 2),
  );
for (const name of wanted) {
  const run = sections[name];
  if (!run) throw new Error(`Unknown bench section "${name}" (have: ${Object.keys(sections).join(', ')})`);
  console.error(`… ${name}${smoke ? ' (smoke)' : ''}`);
  const got = await run({ smoke });
  rows.push(...got);
  // A full run takes long on a busy machine: each section's rows are shown and kept as soon as they are measured.
  if (wanted.length > 1) printTable(got, console.error);
  save(false);
}
printTable(rows);
save(true);
console.log(`\nWrote ${file}`);
// Every timed budget is judged by its ratio to a same-run baseline; a bench that forgets one is a bench bug.
for (const r of unjudgedTimedBudgets(rows))
  console.log(`Bench defect: "${r.section} / ${r.figure}" has a time budget but no same-run ratio to judge it by.`);
const failed = [...new Set([...rows.filter((r) => !passes(r)), ...unjudgedTimedBudgets(rows)])];
// Smoke mode runs tiny sizes to keep the benches alive in CI; only a full run judges the budgets.
if (!smoke && failed.length) {
  console.log(`${failed.length} figure(s) over budget.`);
  process.exitCode = 1;
}

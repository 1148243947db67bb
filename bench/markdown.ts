import { readFileSync } from 'node:fs';
import { cells, type Row } from './lib/report';

/**
 * `npx tsx bench/markdown.ts bench/results/<time>.json`: a run's rows as the README's Markdown table (only the
 * judged rows with `--judged`), so the table there is the run's own output, not a copy by hand.
 */
const [file, flag] = process.argv.slice(2);
if (!file) throw new Error('Usage: npx tsx bench/markdown.ts bench/results/<time>.json [--judged]');
const run = JSON.parse(readFileSync(file, 'utf8')) as { rows: Row[] };
const table = cells(run.rows).filter((c) => flag !== '--judged' || c.result !== 'info');
const head = ['section', 'figure', 'value', 'spread', 'baseline in the same run', 'ratio', 'budget', 'result'];
const line = (xs: string[]) => `| ${xs.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
console.log(line(head));
console.log(line(head.map(() => '---')));
for (const c of table)
  console.log(
    line([
      c.section,
      c.figure,
      c.value,
      c.spread,
      c.baseline,
      c.ratio,
      c.budget,
      c.result === 'FAIL' ? '**FAIL**' : c.result,
    ]),
  );

import { resolve } from 'node:path';
import { CLUE_ROUTES, loadRoutingConfig } from '../config/routing';
import { crossValidate, type Outcome } from '../domain/clues/routing-evaluation';

/** `npm run routing:eval [-- <folds>]`: k-fold cross-validation of the clue router on config/routing-corpus.tsv. */
const k = Number(process.argv[2] ?? 10);
if (!Number.isInteger(k) || k < 2) {
  console.error('usage: npm run routing:eval [-- <folds, an integer of at least 2>]');
  process.exit(2);
}
const config = loadRoutingConfig(resolve(process.env.CONFIG_DIR ?? 'config'));
const started = performance.now();
const e = crossValidate(config, config.examples, k);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;
const jwTotal = Object.values(e.confusion.jw).reduce((a, b) => a + b, 0);
const columns: Outcome[] = [...CLUE_ROUTES, 'ask', 'unsure-level', 'higher-level'];
const row = (cells: Array<string | number>) => cells.map((c, i) => String(c).padStart(i === 0 ? 8 : 13)).join('');

const lines = [
  `corpus: ${config.examples.length} examples (${CLUE_ROUTES.map((r) => `${r} ${config.examples.filter((x) => x.label === r).length}`).join(', ')}, ask ${e.ambiguous.total}, higher ${e.higherLevel.total})`,
  `${k}-fold cross-validation (${seconds} s), every clue judged by a router that never trained on it:`,
  `  clear clues routed right without asking: ${e.routedRight}/${e.clear} = ${pct(e.routedRight, e.clear)}  (target ≥ 90 %)`,
  `  ask rate on clear clues:                 ${e.asked}/${e.clear} = ${pct(e.asked, e.clear)}  (target ≤ 10 %)`,
  `  jw clues routed outside jw:              ${e.jwRoutedOutside}  (target 0)`,
  `  jw recall (routed to jw):                ${e.confusion.jw.jw}/${jwTotal} = ${pct(e.confusion.jw.jw, jwTotal)}`,
  `  category right, of those routed right:   ${e.categoryRight}/${e.routedRight} = ${pct(e.categoryRight, e.routedRight)}`,
  `  ambiguous clues asked about:             ${e.ambiguous.asked}/${e.ambiguous.total} = ${pct(e.ambiguous.asked, e.ambiguous.total)}`,
  `  higher-level clues refused / officer asked: ${e.higherLevel.refused} / ${e.higherLevel.askedOfficer} of ${e.higherLevel.total}`,
  '',
  'confusion matrix (rows: label, columns: what the router did)',
  row(['', ...columns]),
  ...CLUE_ROUTES.map((route) => row([route, ...columns.map((c) => e.confusion[route][c])])),
];
if (e.mistakes.length) {
  lines.push('', 'routed to another agency without asking (line: label → outcome):');
  for (const { example, outcome } of e.mistakes) lines.push(`  ${example.line}: ${example.label} → ${outcome}  ${example.text}`);
}
console.log(lines.join('\n'));
const met = e.clear > 0 && e.routedRight / e.clear >= 0.9 && e.asked / e.clear <= 0.1 && e.jwRoutedOutside === 0;
console.log(met ? '\ntargets met' : '\ntargets NOT met');
process.exitCode = met ? 0 : 1;

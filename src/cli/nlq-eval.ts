import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { agenciesSchema } from '../config/agencies';
import { loadYamlFile } from '../config/load';
import { agencyIndex } from '../domain/names';
import { evaluate, readEvalSet } from '../domain/questions/evaluation';
import { parseLocalDate } from '../kernel/time/local-date';

/** `npm run nlq:eval`: parse accuracy of leaders' questions on tests/fixtures/nlq-eval.tsv (target ≥ 95 %). */
const TARGET = 0.95;
const file = process.argv[2] ?? 'tests/fixtures/nlq-eval.tsv';
const cases = readEvalSet(readFileSync(file, 'utf8'));
const org = loadYamlFile(resolve(process.env.CONFIG_DIR ?? 'config'), 'agencies.yaml', agenciesSchema);
// The set's expected periods are those of this day (see the file's header).
const result = evaluate(cases, parseLocalDate('2026-11-26'), agencyIndex(org.agencies));
const share = result.right / Math.max(result.total, 1);
console.log(`questions: ${result.total}; parsed as expected: ${result.right} = ${(100 * share).toFixed(1)} % (target ≥ ${TARGET * 100} %)`);
for (const { case: c, got } of result.wrong) console.log(`  line ${c.line}: ${c.question}\n    expected ${c.expected}\n    got      ${got}`);
process.exitCode = share >= TARGET ? 0 : 1;

import { basename } from 'node:path';
import { TableImportError } from '../domain/imports/table-file';
import { readReviewFile } from '../domain/review-outcomes/import-file';
import { createServices } from '../domain/services';
import { StartupError, type Runtime } from '../runtime';
import { createMongoStores } from '../store/mongo';
import { readInputBytes } from './read-input-file';

/**
 * `review import <file.csv|file.xlsx>`: decided 行政复议/行政诉讼 cases. Every row is checked
 * first; a file with any bad row is reported row by row and nothing of it is written.
 */
export async function reviewImport(runtime: Runtime, [file]: string[]): Promise<void> {
  const content = await readInputBytes(file, 'review import (.csv or .xlsx)');
  const { reviewOutcomes, org } = createServices(runtime.config, runtime.clock, runtime.logger, createMongoStores(), () => {});
  try {
    const rows = await readReviewFile(basename(file!), content);
    const summary = await reviewOutcomes.importRows(rows, org.part('justice'));
    process.stdout.write(`review import ${file}: ${summary.added} added, ${summary.present} already present\n`);
  } catch (err) {
    if (err instanceof TableImportError) throw new StartupError(`${file}: nothing imported, ${err.problems.length} problem(s):\n${err.message}`);
    throw err;
  }
}

import { basename } from 'node:path';
import { readFiguresFile } from '../domain/bulletin/import-file';
import { TableImportError } from '../domain/imports/table-file';
import { createServices } from '../domain/services';
import { StartupError, type Runtime } from '../runtime';
import { createMongoStores } from '../store/mongo';
import { readInputBytes } from './read-input-file';

/**
 * `bulletin import <file.csv|file.xlsx>`: units' monthly 执法信息, recorded for the justice bureau.
 * Every row is checked first; a file with any bad row is reported row by row and nothing is written.
 */
export async function bulletinImport(runtime: Runtime, [file]: string[]): Promise<void> {
  const content = await readInputBytes(file, 'bulletin import (.csv or .xlsx)');
  const { bulletin, org } = createServices(runtime.config, runtime.clock, runtime.logger, createMongoStores(), () => {});
  try {
    const rows = await readFiguresFile(basename(file!), content);
    const by = { channel: 'console', userId: 'import', name: '批量导入', agency: org.part('justice') };
    const { saved, months } = await bulletin.importRows(rows, by);
    process.stdout.write(`bulletin import ${file}: ${saved} unit-month report(s) saved (${months.join(', ') || 'none'})\n`);
  } catch (err) {
    if (err instanceof TableImportError) throw new StartupError(`${file}: nothing imported, ${err.problems.length} problem(s):\n${err.message}`);
    throw err;
  }
}

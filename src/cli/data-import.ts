import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { TableImportError } from '../domain/imports/table-file';
import { parseImportFile } from '../domain/inspections/import-file';
import { importRows } from '../domain/inspections/import-service';
import { createServices } from '../domain/services';
import { StartupError, type Runtime } from '../runtime';
import { createMongoStores } from '../store/mongo';
import { readInputFile } from './read-input-file';
import { importDocuments, isDocumentImport } from './document-import';

/** The file as JSON, or undefined when it is not (the inspections import reports that). */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/**
 * `import <file.csv|file.json>`: joint inspections, their problems and units'
 * self-inspections, or (a JSON file with `documents`) documents with their history (docs/import-format.md). Every row is checked first; a file with
 * any bad row is reported row by row and nothing of it is written.
 */
export async function dataImport(runtime: Runtime, [file]: string[]): Promise<void> {
  const text = await readInputFile(file, 'import (.csv or .json)');
  const { config, clock, logger } = runtime;
  const stores = createMongoStores();
  const services = createServices(config, clock, logger, stores, () => {});
  const json = /\.json$/i.test(file!) ? parsedJson(text) : undefined;
  if (isDocumentImport(json)) {
    process.stdout.write(await importDocuments(file!, json, services));
    return;
  }
  const { inspections: service, org } = services;
  const bar = new cliProgress.SingleBar(
    { format: 'import [{bar}] {value}/{total} rows', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const rows = parseImportFile(basename(file!), text, org.part('justice'));
    const summary = await importRows(service, stores.inspections, org, rows, (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    });
    bar.stop();
    process.stdout.write(
      [
        `import ${file}:`,
        `  inspections: ${summary.inspections.added} added, ${summary.inspections.present} already present`,
        `  problems: ${summary.problems.added} added, ${summary.problems.present} already present`,
        `  self-inspections: ${summary.selfInspections.written} written`,
        '',
      ].join('\n'),
    );
  } catch (err) {
    if (started) bar.stop();
    if (err instanceof TableImportError) {
      throw new StartupError(`${file}: nothing imported, ${err.problems.length} problem(s):\n${err.message}`);
    }
    throw err;
  }
}

import { checkDocumentRows, documentImportSchema } from '../domain/documents/import-file';
import { overdueLine, overduePage } from '../domain/reports/overdue';
import type { Services } from '../domain/services';
import { localDateOf } from '../kernel/time/local-time';
import { StartupError } from '../runtime';

/** A JSON import file whose one key is `documents` (docs/import-format.md "Documents"). */
export function isDocumentImport(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'documents' in value;
}

/**
 * Back-registers documents with their history (go-live): every row is checked first and a file
 * with any bad row writes nothing; nobody is notified and no reminder goes out for the past.
 * Returns the summary, with what is overdue now.
 */
export async function importDocuments(file: string, value: unknown, services: Services): Promise<string> {
  const parsed = documentImportSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'file'}: ${issue.message}`);
    throw new StartupError(`${file}: nothing imported, ${problems.length} problem(s):\n${problems.join('\n')}`);
  }
  const { documents, org, clock } = services;
  const { checked, problems } = checkDocumentRows(parsed.data.documents, documents, org);
  if (problems.length) {
    throw new StartupError(`${file}: nothing imported, ${problems.length} problem(s):\n${problems.map((p) => `  ${p.at}: ${p.message}`).join('\n')}`);
  }
  let added = 0;
  for (const { person, input } of checked) if ((await documents.backRegister(person, input)).added) added++;
  const today = localDateOf(clock.now());
  const overdue = await documents.overdue();
  const page = overduePage(
    {
      total: overdue.length,
      rows: overdue.map((d) => ({ number: d.number, kind: d.kind, recipient: d.recipient, dueDate: d.dueDate, escalated: Boolean(d.escalatedAt) })),
    },
    today,
    (row) => documents.kinds.get(row.kind!).name,
  );
  return [
    `import ${file}:`,
    `  documents: ${added} added, ${checked.length - added} already present (nobody notified, no reminder sent for the past)`,
    `  overdue as of ${today}: ${page.total}`,
    ...page.items.map((item, i) => `    ${overdueLine(item, i + 1, (code) => org.name(code))}`),
    '',
  ].join('\n');
}

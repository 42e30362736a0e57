import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { TableImportError, type RowProblem } from '../imports/table-file';

/**
 * The bulk-import file (docs/import-format.md): JSON with inspections (and their
 * problems) and self-inspections, or one CSV of one kind, told apart by its header.
 * Parsing only checks shapes; meaning (units, dates, references) is checked later.
 */

export interface InspectionRow {
  at: string;
  ref: string;
  date: string;
  units: string[];
  filesSampled: number;
  issuer: string;
  note: string;
}

export interface ProblemRow {
  at: string;
  ref: string;
  /** The inspection's ref in the same file, or its ref or XC number in the database. */
  inspection: string;
  owner: string;
  dueDate: string;
  text: string;
  doneDate?: string;
}

export interface SelfInspectionRow {
  at: string;
  unit: string;
  month: string;
  casesChecked: number;
  unexecuted: number;
}

export interface ImportRows {
  inspections: InspectionRow[];
  problems: ProblemRow[];
  selfInspections: SelfInspectionRow[];
}

const text = (max: number) => z.string().trim().min(1, 'is empty').max(max, `longer than ${max} characters`);
const ref = text(64);
const count = z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative').max(1_000_000);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const problemFields = {
  ref,
  owner: text(64),
  dueDate: text(10),
  text: text(300),
  doneDate: optionalText,
};

const inspectionFields = {
  ref,
  date: text(10),
  filesSampled: count.default(0),
  /** Empty: the default issuer given to parseImportFile (the justice bureau). */
  issuer: z.string().trim().default(''),
  note: z.string().trim().max(500).default(''),
};

const jsonSchema = z.strictObject({
  inspections: z
    .array(
      z.strictObject({
        ...inspectionFields,
        units: z.array(text(64)).min(1, 'needs at least one unit'),
        problems: z.array(z.strictObject(problemFields)).default([]),
      }),
    )
    .default([]),
  selfInspections: z.array(z.strictObject({ unit: text(64), month: text(7), casesChecked: count, unexecuted: count })).default([]),
});

const CSV_KINDS = {
  inspections: {
    columns: ['ref', 'date', 'units', 'files_sampled', 'issuer', 'note'],
    required: ['ref', 'date', 'units'],
  },
  problems: {
    columns: ['ref', 'inspection', 'owner', 'due_date', 'problem', 'done_date'],
    required: ['ref', 'inspection', 'owner', 'due_date', 'problem'],
  },
  selfInspections: {
    columns: ['unit', 'month', 'cases_checked', 'unexecuted'],
    required: ['unit', 'month', 'cases_checked', 'unexecuted'],
  },
} as const;

const csvInspection = z.object({
  ...inspectionFields,
  units: text(1000).transform((v) =>
    v
      .split('|')
      .map((u) => u.trim())
      .filter(Boolean),
  ),
});
const csvProblem = z.object({ ...problemFields, inspection: ref });
const csvSelf = z.object({ unit: text(64), month: text(7), casesChecked: count, unexecuted: count });

function issuesOf(error: z.ZodError, at: (path: string) => string): RowProblem[] {
  return error.issues.map((issue) => ({
    at: at(
      issue.path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, ''),
    ),
    message: issue.message,
  }));
}

function snake(field: string): string {
  return field === 'text' ? 'problem' : field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Reads the file by its name's extension (.json or .csv); every problem found is reported at once.
 * An inspection without an issuer gets `defaultIssuer`.
 */
export function parseImportFile(name: string, content: string, defaultIssuer: string): ImportRows {
  const body = content.replace(/^\uFEFF/, '');
  const rows = /\.json$/i.test(name) ? parseJson(body) : /\.csv$/i.test(name) ? parseCsv(body) : undefined;
  if (!rows) throw new TableImportError([{ at: name, message: 'the file name must end in .json or .csv' }]);
  for (const inspection of rows.inspections) inspection.issuer ||= defaultIssuer;
  return rows;
}

function parseJson(body: string): ImportRows {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new TableImportError([{ at: 'file', message: `not valid JSON (${(err as Error).message})` }]);
  }
  const parsed = jsonSchema.safeParse(value);
  if (!parsed.success) throw new TableImportError(issuesOf(parsed.error, (path) => path || 'file'));
  const rows: ImportRows = { inspections: [], problems: [], selfInspections: [] };
  for (const [i, { problems, ...inspection }] of parsed.data.inspections.entries()) {
    rows.inspections.push({ ...inspection, at: `inspections[${i}]` });
    for (const [j, problem] of problems.entries()) rows.problems.push({ ...problem, inspection: inspection.ref, at: `inspections[${i}].problems[${j}]` });
  }
  for (const [i, row] of parsed.data.selfInspections.entries()) rows.selfInspections.push({ ...row, at: `selfInspections[${i}]` });
  return rows;
}

function parseCsv(body: string): ImportRows {
  let records: string[][];
  try {
    records = parse(body, { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new TableImportError([{ at: 'file', message: `CSV could not be read: ${(err as Error).message.split('\n')[0]}` }]);
  }
  const [header = [], ...lines] = records;
  const kind = (Object.keys(CSV_KINDS) as (keyof typeof CSV_KINDS)[]).find(
    (k) =>
      CSV_KINDS[k].required.every((column) => header.includes(column)) &&
      header.every((column) => (CSV_KINDS[k].columns as readonly string[]).includes(column)),
  );
  if (!kind) {
    const expected = Object.values(CSV_KINDS)
      .map((k) => k.columns.join(','))
      .join(' | ');
    throw new TableImportError([{ at: 'line 1', message: `unknown header; expected the columns of one of: ${expected}` }]);
  }
  const schema = { inspections: csvInspection, problems: csvProblem, selfInspections: csvSelf }[kind];
  const problems: RowProblem[] = [];
  const rows: ImportRows = { inspections: [], problems: [], selfInspections: [] };
  for (const [index, cells] of lines.entries()) {
    const at = `line ${index + 2}`;
    if (cells.length > header.length) {
      problems.push({ at, message: `expected at most ${header.length} columns, found ${cells.length}` });
      continue;
    }
    const record = Object.fromEntries(header.map((column, i) => [camel(column === 'problem' ? 'text' : column), cells[i] ?? '']));
    const parsed = schema.safeParse(record);
    if (parsed.success) (rows[kind] as object[]).push({ ...parsed.data, at });
    else problems.push(...issuesOf(parsed.error, (path) => (path ? `${at}: ${snake(path)}` : at)));
  }
  if (problems.length) throw new TableImportError(problems);
  return rows;
}

import { describe, expect, it } from 'vitest';
import { TableImportError } from '../../../../src/domain/imports/table-file';
import { parseImportFile } from '../../../../src/domain/inspections/import-file';

function problemsOf(name: string, content: string): string[] {
  try {
    parseImportFile(name, content, 'sfj');
  } catch (err) {
    if (err instanceof TableImportError) return err.problems.map((p) => `${p.at}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('import file parsing', () => {
  it('reads JSON inspections with nested problems and self-inspections', () => {
    const rows = parseImportFile(
      'data.json',
      JSON.stringify({
        inspections: [
          {
            ref: 'A',
            date: '2026-03-10',
            units: ['nyncj'],
            filesSampled: 20,
            problems: [{ ref: 'A-1', owner: 'nyncj', dueDate: '2026-04-10', text: '问题', doneDate: '2026-04-01' }],
          },
        ],
        selfInspections: [{ unit: 'jsj', month: '2026-03', casesChecked: 40, unexecuted: 3 }],
      }),
      'sfj',
    );
    expect(rows.inspections).toEqual([{ at: 'inspections[0]', ref: 'A', date: '2026-03-10', units: ['nyncj'], filesSampled: 20, issuer: 'sfj', note: '' }]);
    expect(rows.problems).toEqual([
      { at: 'inspections[0].problems[0]', ref: 'A-1', inspection: 'A', owner: 'nyncj', dueDate: '2026-04-10', text: '问题', doneDate: '2026-04-01' },
    ]);
    expect(rows.selfInspections).toEqual([{ at: 'selfInspections[0]', unit: 'jsj', month: '2026-03', casesChecked: 40, unexecuted: 3 }]);
  });

  it('reads each CSV kind by its header', () => {
    const inspections = parseImportFile('i.csv', '\uFEFFref,date,units,files_sampled\nA,2026-03-10,nyncj|jsj,20\n', 'sfj');
    expect(inspections.inspections[0]).toMatchObject({ at: 'line 2', units: ['nyncj', 'jsj'], filesSampled: 20, issuer: 'sfj' });
    const problems = parseImportFile('p.csv', 'ref,inspection,owner,due_date,problem,done_date\nP1,A,nyncj,2026-04-10,"未执行, 待追缴",\n', 'sfj');
    expect(problems.problems[0]).toMatchObject({ ref: 'P1', text: '未执行, 待追缴', doneDate: undefined });
    const self = parseImportFile('s.csv', 'unit,month,cases_checked,unexecuted\nnyncj,2026-03,120,8\n', 'sfj');
    expect(self.selfInspections[0]).toMatchObject({ unit: 'nyncj', casesChecked: 120, unexecuted: 8 });
  });

  it('reports every bad row with its line or path', () => {
    expect(problemsOf('p.csv', 'ref,inspection,owner,due_date,problem\nP1,A,nyncj,,x\nP2,A,nyncj,2026-01-01,y,extra\nP3,A,,2026-01-01,z\n')).toEqual([
      'line 2: due_date: is empty',
      'line 3: expected at most 5 columns, found 6',
      'line 4: owner: is empty',
    ]);
    expect(problemsOf('s.csv', 'unit,month,cases_checked,unexecuted\nnyncj,2026-03,many,1\n')).toEqual(['line 2: cases_checked: must be a whole number']);
    expect(problemsOf('d.json', JSON.stringify({ inspections: [{ ref: 'A', date: '2026-03-10', units: [] }], other: 1 }))).toEqual([
      'inspections[0].units: needs at least one unit',
      'file: Unrecognized key: "other"',
    ]);
  });

  it('refuses unknown headers, bad JSON and other file types', () => {
    expect(problemsOf('x.csv', 'a,b\n1,2\n')[0]).toMatch(/^line 1: unknown header/);
    expect(problemsOf('x.json', '{')[0]).toMatch(/^file: not valid JSON/);
    expect(problemsOf('x.txt', '')[0]).toMatch(/\.json or \.csv/);
  });
});

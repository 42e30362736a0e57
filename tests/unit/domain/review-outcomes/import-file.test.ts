import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TableImportError } from '../../../../src/domain/imports/table-file';
import { readReviewFile } from '../../../../src/domain/review-outcomes/import-file';

const HEADER = 'kind,case_number,unit,decided_on,act_type,outcome,reason';

async function problemsOf(name: string, content: string | Buffer): Promise<string[]> {
  try {
    await readReviewFile(name, Buffer.from(content));
    return [];
  } catch (err) {
    if (!(err instanceof TableImportError)) throw err;
    return err.problems.map((p) => `${p.at}: ${p.message}`);
  }
}

describe('readReviewFile', () => {
  it('reads CSV rows under an English or Chinese header, reason optional', async () => {
    const rows = await readReviewFile(
      'a.csv',
      Buffer.from(`\uFEFF${HEADER}\n复议,A1,nyncj,2026-01-02,行政处罚,维持,\n\n诉讼,B1,jsj,2026-02-03,行政强制,撤销,明显不当\n`),
    );
    expect(rows).toEqual([
      { at: 'line 2', kind: '复议', caseNumber: 'A1', unit: 'nyncj', decidedOn: '2026-01-02', actType: '行政处罚', outcome: '维持', reason: '' },
      { at: 'line 4', kind: '诉讼', caseNumber: 'B1', unit: 'jsj', decidedOn: '2026-02-03', actType: '行政强制', outcome: '撤销', reason: '明显不当' },
    ]);
    const chinese = await readReviewFile('b.csv', Buffer.from('类型,案号,单位,决定日期,行为类型,结果\n复议,A1,nyncj,2026-01-02,行政处罚,维持'));
    expect(chinese[0]).toMatchObject({ caseNumber: 'A1', outcome: '维持' });
  });

  it('reads the first sheet of an Excel workbook, dates as YYYY-MM-DD', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['诉讼', 'C1', 'zhzf', new Date(Date.UTC(2026, 2, 4)), '行政处罚', '撤销', '其他']);
    const rows = await readReviewFile('c.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { at: 'row 2', kind: '诉讼', caseNumber: 'C1', unit: 'zhzf', decidedOn: '2026-03-04', actType: '行政处罚', outcome: '撤销', reason: '其他' },
    ]);
  });

  it('names the file, header and row problems', async () => {
    expect(await problemsOf('a.txt', HEADER)).toEqual(['a.txt: the file name must end in .csv or .xlsx']);
    expect((await problemsOf('a.csv', 'kind,unit\n复议,nyncj'))[0]).toMatch(/^line 1: header must name the columns/);
    expect(await problemsOf('a.csv', `${HEADER}\n复议,A1,nyncj,2026-01-02,行政处罚,维持,,extra`)).toEqual(['line 2: expected at most 7 columns, found 8']);
    expect(await problemsOf('a.xlsx', 'not a zip')).toEqual(['file: not a readable .xlsx workbook']);
  });

  it('never throws anything but a TableImportError, whatever the CSV', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.string(), { maxLength: 9 }), { maxLength: 6 }), async (lines) => {
        const content = [HEADER, ...lines.map((cells) => cells.join(','))].join('\n');
        await problemsOf('f.csv', content);
      }),
      { numRuns: 200 },
    );
  });
});

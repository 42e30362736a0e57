import { describe, expect, it } from 'vitest';
import { TableImportError } from '../../../../src/domain/imports/table-file';
import { readReviewFile } from '../../../../src/domain/review-outcomes/import-file';
import { memoryServices } from '../../../support/memory-services';
import { REVIEW_CSV } from '../../../support/review-records';

describe('ReviewOutcomeService', () => {
  it('imports a file once: a second run adds only what is missing', async () => {
    const { reviewOutcomes, stores } = memoryServices({ now: new Date('2026-12-03T02:00:00Z') });
    const rows = await readReviewFile('r.csv', Buffer.from(REVIEW_CSV));
    expect(await reviewOutcomes.importRows(rows, 'sfj')).toEqual({ added: 20, present: 0 });
    expect(await reviewOutcomes.importRows(rows, 'sfj')).toEqual({ added: 0, present: 20 });
    expect(stores.reviewOutcomes.records).toHaveLength(20);
  });

  it('writes nothing of a file with one bad row, and names every bad row', async () => {
    const { reviewOutcomes, stores } = memoryServices({ now: new Date('2026-12-03T02:00:00Z') });
    const rows = await readReviewFile(
      'r.csv',
      Buffer.from(`${REVIEW_CSV}\n复议,嘉政复〔2026〕1号,nyncj,2026-02-10,行政处罚,撤销,事实不清证据不足\n诉讼,X,nyncj,2027-01-01,行政处罚,撤销,其他`),
    );
    const error = await reviewOutcomes.importRows(rows, 'sfj').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TableImportError);
    expect((error as TableImportError).problems.map((p) => p.at)).toEqual(['line 22', 'line 23']);
    expect((error as TableImportError).message).toContain('line 22: 案号 嘉政复〔2026〕1号 在文件中重复出现');
    expect(stores.reviewOutcomes.records).toHaveLength(0);
  });

  it('refuses a correction without its reason, and an outcome the kind does not have', async () => {
    const { reviewOutcomes, who } = memoryServices({ now: new Date('2026-12-03T02:00:00Z') });
    const base = { kind: '复议', caseNumber: 'A', unit: 'nyncj', decidedOn: '2026-11-01', actType: '行政处罚' };
    await expect(reviewOutcomes.register(who('sfj-officer'), { ...base, outcome: '撤销' })).rejects.toThrow('须填写原因类别');
    await expect(reviewOutcomes.register(who('sfj-officer'), { ...base, outcome: '撤诉' })).rejects.toThrow('行政复议结果「撤诉」须为以下之一');
    await expect(reviewOutcomes.register(who('zhzf-liaison'), { ...base, outcome: '维持' })).rejects.toThrow('只有县农业农村局');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ClueAuditModel } from '../../src/store/mongo/models/clue-audit';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const ACTOR = { keyId: 'k', iv: 'i', tag: 't', data: 'd' };

describe('the clue audit log refuses updates and deletes at the store layer (issue 22, item 9)', () => {
  it('refuses every mongoose path that changes or removes an entry, on the real database', async () => {
    bot = await startTestBot();
    const entry = await ClueAuditModel.create({ clueNumber: 'XS-2026-0001', action: 'submit', channel: 'console', at: new Date(), actor: ACTOR });
    const id = entry._id;
    const attempts: [string, () => Promise<unknown>][] = [
      ['updateOne', () => ClueAuditModel.updateOne({ _id: id }, { $set: { action: 'view' } })],
      ['updateMany', () => ClueAuditModel.updateMany({}, { $set: { action: 'view' } })],
      ['findByIdAndUpdate', () => ClueAuditModel.findByIdAndUpdate(id, { $set: { action: 'view' } })],
      ['replaceOne', () => ClueAuditModel.replaceOne({ _id: id }, { clueNumber: 'x', action: 'view', channel: 'c', at: new Date(), actor: ACTOR })],
      [
        'findOneAndReplace',
        () => ClueAuditModel.findOneAndReplace({ _id: id }, { clueNumber: 'x', action: 'view', channel: 'c', at: new Date(), actor: ACTOR }),
      ],
      ['deleteOne', () => ClueAuditModel.deleteOne({ _id: id })],
      ['deleteMany', () => ClueAuditModel.deleteMany({})],
      ['findByIdAndDelete', () => ClueAuditModel.findByIdAndDelete(id)],
      ['bulkWrite', () => ClueAuditModel.bulkWrite([{ deleteOne: { filter: { _id: id } } }])],
      ['document deleteOne', () => entry.deleteOne()],
      ['document updateOne', () => entry.updateOne({ $set: { action: 'view' } })],
      [
        'document save',
        async () => {
          entry.set('action', 'view');
          return entry.save();
        },
      ],
    ];
    for (const [name, attempt] of attempts) await expect(attempt(), name).rejects.toThrow('append-only');
    expect(await ClueAuditModel.find({}).lean()).toMatchObject([{ clueNumber: 'XS-2026-0001', action: 'submit' }]);
  });
});

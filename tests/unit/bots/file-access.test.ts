import { describe, expect, it } from 'vitest';
import { fileAccessBot } from '../../../bots/file-access';
import type { AnswerPolicy } from '../../../src/kernel/inbound';
import { examplePeople } from '../../support/example-roster';
import { startMemoryBot } from '../../support/memory-bot';

const CONSOLE: AnswerPolicy = { kind: 'passive', budgetMs: null };

function start() {
  const bot = startMemoryBot({ bots: [fileAccessBot], people: examplePeople(), answers: CONSOLE, now: new Date('2026-12-03T02:00:00Z') });
  const say = async (userId: string, text: string) => {
    const answer = await bot.channel.send(userId, text);
    return answer.kind === 'passive' ? answer.replies.map((r) => r.text).join('\n') : '';
  };
  return { bot, say };
}

describe('the file-access bot', () => {
  it('asks for a request step by step, re-asks a wrong agency, and files it on 确认', async () => {
    const { bot, say } = start();
    expect(await say('jcy-officer', '申请调阅')).toContain('请输入要调阅其案卷的机构');
    expect(await say('jcy-officer', '农业农村局')).toContain('限于纪委监委、检察院、司法局');
    expect(await say('jcy-officer', '司法局')).toContain('案件或文书编号');
    expect(await say('jcy-officer', 'TZ-2026-0001')).toContain('调阅事由');
    expect(await say('jcy-officer', '审查关联公益诉讼线索')).toContain('请确认调阅申请：向县司法局申请调阅「TZ-2026-0001」');
    expect(await say('jcy-officer', '确认')).toContain('DY-2026-0001');
    expect(bot.stores.fileAccess.requests.map((r) => r.owner)).toEqual(['sfj']);
  });

  it('answers an incomplete one-line request with its format, and refuses the wizard outside the supervising agencies', async () => {
    const { bot, say } = start();
    expect(await say('jcy-officer', '申请调阅 sfj')).toContain('请按格式发送');
    expect(await say('zhzf-liaison', '申请调阅')).toContain('限于纪委监委、检察院、司法局');
    expect(bot.stores.fileAccess.requests).toHaveLength(0);
  });
});

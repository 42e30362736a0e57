import { afterEach, describe, expect, it } from 'vitest';
import { EnforcementFiguresModel } from '../../src/store/mongo/models/enforcement-figures';
import { runCli, writeTemp } from '../support/cli';
import { cliTick, pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');

describe('the monthly enforcement-information bulletin', () => {
  it('takes units’ figures, shows sfj who has not reported, and reminds a unit that has not exactly once', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    expect(await say('jcy-officer', '报送执法信息 结案1 处罚1 移送0')).toContain('仅限联络员');
    expect(await say('nyncj-liaison', '报送执法信息 结案12 处罚8')).toContain('缺少移送');
    expect(await say('nyncj-liaison', '报送执法信息 zhzf 结案12 处罚8 移送1')).toContain('只能报送本单位');
    expect(await say('nyncj-liaison', '报送执法信息 2027-01 结案12 处罚8 移送1')).toContain('尚未开始');
    expect(await say('jcy-organizer', '报送执法信息 结案12 处罚8 移送1')).toContain('由行政执法单位报送');
    expect(await EnforcementFiguresModel.countDocuments()).toBe(0);

    expect(await say('nyncj-liaison', '报送执法信息 结案12 处罚8 移送1 自查30 未执行2')).toContain(
      '县农业农村局 2026-11 执法信息：结案12件，处罚8件，移送1件，自查30件，未执行2件',
    );
    expect(await say('nyncj-liaison', '报送执法信息 2026-11 结案13 处罚8 移送1')).toContain('结案13件');
    expect(await EnforcementFiguresModel.countDocuments()).toBe(1);
    expect(await say('sfj-organizer', '报送执法信息 scjg 2026-11 结案3 处罚2 移送0')).toContain('县市场监督管理局 2026-11');

    const table = await say('sfj-organizer', '报送情况');
    expect(table).toContain('2026-11 执法信息报送情况：已报送 2 家，未报送 4 家');
    expect(table).toContain('✓ 县农业农村局：结案13件');
    expect(table).toContain('✗ 县综合行政执法局：未报送');
    expect(await say('sfj-leader', '导出 2026-11')).toContain('执法信息报送2）');
    expect(await say('sfj-leader', '概况 2026-11')).toContain('执法信息报送：已报送2份，应报送6份（结案16件，处罚10件，移送1件，自查0件，未执行0件）');

    // The 5th of December 2026 is a Saturday: the reminder waits for Monday the 7th.
    await tickAt(bot, '2026-12-05T09:00:00+08:00');
    await tickAt(bot, '2026-12-07T08:59:00+08:00');
    expect(await pushed(bot, 'zhzf-liaison', '【执法信息报送提醒】')).toHaveLength(0);
    await tickAt(bot, '2026-12-07T09:00:00+08:00');
    await tickAt(bot, '2026-12-07T09:01:00+08:00');
    expect(await cliTick(bot, '2026-12-08T09:00:00+08:00')).toContain('tick at');
    expect(await pushed(bot, 'zhzf-liaison', '尚未报送 2026-11 的执法信息')).toHaveLength(1);
    expect(await pushed(bot, 'nyncj-liaison', '【执法信息报送提醒】')).toHaveLength(0);
    expect(await pushed(bot, 'sfj-organizer', '【执法信息报送情况】')).toHaveLength(1);
    // The CLI tick starts its own process (tsx): give it room on a loaded machine.
  }, 240_000);

  it('imports units’ monthly figures from a file: a bad row writes nothing, a good file is counted like 报送', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    const bad = [
      '单位,月份,结案,处罚,移送',
      '县教育局,2026-10,1,1,0',
      'nyncj,2026-10,十二,1,0',
      'jsj,2027-01,1,1,0',
      'scjg,2026-10,3,2,0',
      '县市场监督管理局,2026-10,3,2,0',
    ].join('\n');
    const refused = await runCli(bot, ['bulletin', 'import', writeTemp('bad-figures.csv', bad)]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('nothing imported, 4 problem(s)');
    expect(refused.stderr).toMatch(/line 2: .*县教育局/);
    expect(refused.stderr).toMatch(/line 3: 结案「十二」须为不大于999999的整数/);
    expect(refused.stderr).toMatch(/line 4: 2027-01 尚未开始/);
    expect(refused.stderr).toMatch(/line 6: 县市场监督管理局 2026-10 在文件中重复出现/);
    expect(await EnforcementFiguresModel.countDocuments()).toBe(0);

    const good = ['unit,month,cases_closed,penalties,transfers,self_checked', '县农业农村局,2026-10,12,8,1,30', 'scjg,2026/10,3,2,0,'].join('\n');
    const imported = await runCli(bot, ['bulletin', 'import', writeTemp('figures.csv', good)]);
    expect(imported.stdout).toContain('2 unit-month report(s) saved (2026-10)');
    const table = await say('sfj-organizer', '报送情况 2026-10');
    expect(table).toContain('已报送 2 家');
    expect(table).toContain('✓ 县农业农村局：结案12件，处罚8件，移送1件，自查30件，未执行0件');
    expect(table).toContain('✓ 县市场监督管理局：结案3件，处罚2件，移送0件，自查0件，未执行0件');
  }, 240_000);
});

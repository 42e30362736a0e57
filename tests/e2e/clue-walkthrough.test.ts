import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type TestBrowser } from '../support/browser';
import { SimulatorPage } from '../support/simulator-page';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
let browser: TestBrowser | undefined;
afterEach(async () => {
  await browser?.close();
  await bot?.close();
  browser = bot = undefined;
});

const FACTS = '县农业农村局对某养殖场长期向河道直排养殖污水的违法行为一直未依法查处，河道污染持续扩大，损害公共利益。';

describe('a clue handed over in the web simulator (the README walkthrough)', () => {
  it('an officer submits with the buttons, the receiving agency accepts from the push, the submitter sees the status', async () => {
    bot = await startTestBot();
    browser = await openBrowser({ width: 420, height: 860 });
    const sim = new SimulatorPage(browser.page);
    await sim.open(bot.url);

    // 1. An sfj officer walks through the wizard.
    await sim.switchTo('sfj-officer');
    await sim.say('提交线索');
    expect(await sim.lastText('bot')).toContain('第1步');
    await sim.say(FACTS);
    await sim.say('县农业农村局');
    await sim.say('2026年以来，某镇某村河段');
    await sim.say('群众举报记录');
    await sim.say('否');
    const summary = sim.bubbles('bot').last();
    expect(await summary.textContent()).toContain('县人民检察院');
    expect(await summary.getByRole('button').allInnerTexts()).toEqual(['确认', '修改', '取消']);

    // 修改 by button: change the evidence note, and the summary comes back with its buttons.
    await sim.tap('修改');
    expect(await sim.lastText('bot')).toContain('证据说明');
    await sim.say('4');
    await sim.say('群众举报记录和现场照片');
    expect(await sim.bubbles('bot').last().textContent()).toContain('现场照片');
    await browser.screenshot('clue-1-summary');
    await sim.tap('确认');
    const submitted = await sim.lastText('bot');
    const number = /XS-\d{4}-\d{4}/.exec(submitted)?.[0];
    expect(number, submitted).toBeDefined();
    expect(submitted).toContain('县人民检察院');

    // 2. A jcy officer gets the push — number and how to act, never the facts — and accepts by button.
    await sim.switchTo('jcy-officer');
    await sim.bubbles('push').first().waitFor();
    const push = sim.bubbles('push').last();
    const pushText = await push.textContent();
    expect(pushText).toContain(number!);
    expect(pushText).not.toContain('养殖场');
    await browser.screenshot('clue-2-push');
    await sim.tap(`受理 ${number}`);
    expect(await sim.lastText('bot')).toContain(`已受理线索 ${number}`);
    await browser.screenshot('clue-3-accepted');

    // 3. Back to the submitter: their history is still there, the acceptance arrives as a push, and the status reads 已受理.
    await sim.switchTo('sfj-officer');
    expect(await sim.texts('me')).toContain('提交线索');
    await expect.poll(async () => (await sim.texts('push')).join('\n'), { timeout: 10_000 }).toContain(number!);
    await sim.say('我的线索');
    const mine = await sim.lastText('bot');
    expect(mine).toContain(number!);
    expect(mine).toContain('已受理');
    await browser.screenshot('clue-4-status');
  });
});

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

const CHART = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="#fff"/>' +
    '<rect x="20" y="60" width="40" height="50" fill="#07a35a"/><rect x="90" y="30" width="40" height="80" fill="#07a35a"/>' +
    '<rect x="160" y="80" width="40" height="30" fill="#e0a800"/></svg>',
)}`;

describe('web chat simulator in a real browser', () => {
  it('chats per user, shows pushes live with buttons, images and downloads, and fits a phone screen', async () => {
    bot = await startTestBot();
    browser = await openBrowser();
    const sim = new SimulatorPage(browser.page);
    await sim.open(bot.url);

    const agencies = await browser.page.locator('#user optgroup').evaluateAll((groups) => groups.map((g) => (g as unknown as { label: string }).label));
    expect(agencies.slice(0, 3)).toEqual(['县纪委监委', '县人民检察院', '县司法局']);
    await expect.poll(() => browser!.page.locator('#user option[value="jcy-officer"]').textContent()).toBe('检察官赵敏（办案人员）');

    await sim.switchTo('jcy-officer');
    await sim.say('帮助');
    expect(await sim.lastText('bot')).toContain('赵敏');

    // A push arrives while the page is open: shown live, with its choices, image and download link.
    const officers = await bot.services.roster.members('jcy', ['officer']);
    await bot.services.notifier.toPeople(officers, 'web-e2e:1', {
      text: '本月趋势图和导出已生成。',
      title: '趋势',
      buttons: ['帮助'],
      image: { url: CHART },
      file: { url: '/exports/demo.xlsx', name: '联合监督导出.xlsx' },
    });
    await sim.bubbles('push').first().waitFor();
    const push = sim.bubbles('push').first();
    expect(await push.textContent()).toContain('本月趋势图和导出已生成。');
    await expect.poll(() => push.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
    expect(await push.locator('img').getAttribute('alt')).toBe('趋势');
    const download = push.getByRole('link', { name: '下载 联合监督导出.xlsx' });
    // Links carry no identity: the page acts as its user through a cookie of this origin.
    expect(await download.getAttribute('href')).toBe('/exports/demo.xlsx');
    expect(await download.getAttribute('download')).toBe('联合监督导出.xlsx');
    await browser.screenshot('web-simulator-push');

    // A button sends its command, by keyboard as well as by tap.
    const answers = await sim.bubbles('bot').count();
    await push.getByRole('button', { name: '帮助' }).focus();
    await browser.page.keyboard.press('Enter');
    await sim.waitForMore('bot', answers);
    expect(await sim.lastText('me')).toBe('帮助');

    // Switching user keeps each user's history.
    const jcyEntries = await sim.entryCount();
    await sim.switchTo('sfj-officer');
    expect(await sim.bubbles('push').count()).toBe(0);
    await sim.say('帮助');
    expect(await sim.lastText('bot')).toContain('周洁');
    await sim.switchTo('jcy-officer');
    expect(await sim.entryCount()).toBe(jcyEntries);
    expect(await sim.bubbles('push').count()).toBe(1);

    await browser.page.setViewportSize({ width: 375, height: 740 });
    await sim.fitsWidth();
    await browser.screenshot('web-simulator-phone');
  });

  it('shows a leader the chart of 趋势 and a working download of 导出, opened as that leader', async () => {
    bot = await startTestBot();
    browser = await openBrowser();
    const sim = new SimulatorPage(browser.page);
    await sim.open(bot.url);
    await sim.switchTo('jcy-leader');

    await sim.say('趋势');
    const chart = sim.bubbles('bot').last().locator('img');
    expect(await chart.getAttribute('src')).toMatch(/^\/reports\/charts\/[\w-]{43}\.png$/);
    await expect.poll(() => chart.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(960);
    await browser.screenshot('web-simulator-trend');

    await sim.say('导出');
    const href = await sim.bubbles('bot').last().getByRole('link', { name: '下载 联合监督-2026.xlsx' }).getAttribute('href');
    expect(href).toMatch(/^\/reports\/files\/[\w-]{43}$/);
    const download = await browser.page.request.get(`${bot.url}${href}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 2).toString()).toBe('PK');
  });

  it('opens a 调阅 link from the chat as the user the page acts as, watermarked, and not as anyone else', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    await bot.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕5号 zhzf 2026-12-01');
    await bot.say('jcy-officer', '申请调阅 sfj TZ-2026-0001 审查');
    await bot.say('sfj-organizer', '批准调阅 DY-2026-0001 查看 3天');
    browser = await openBrowser();
    const sim = new SimulatorPage(browser.page);
    await sim.open(bot.url);
    await sim.switchTo('jcy-officer');
    const link = sim.bubbles('push').filter({ hasText: '【调阅已批准】' }).locator('a.text-link');
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/file-access\/[\w-]{43}$/);
    const page = await browser.page.request.get(`${bot.url}${href}`);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain('data-mark="检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001"');
    await sim.switchTo('jw-officer');
    expect((await browser.page.request.get(`${bot.url}${href}`)).status()).toBe(404);
  });
});

import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 420, height: 860 }, locale: 'zh-CN' });
await page.goto('http://localhost:3200/console');
await page.getByLabel('当前身份').and(page.locator(':enabled')).waitFor();
const say = async (text: string) => {
  const n = await page.locator('#log .entry-bot').count();
  const box = page.getByLabel('要发送的消息');
  await box.fill(text);
  await box.press('Enter');
  await page.locator('#log .entry-bot').nth(n).waitFor({ timeout: 60000 });
};
await page.getByLabel('当前身份').selectOption('sfj-officer');
await say('提交线索：县农业农村局执法大队队长多次收受养殖场老板现金，对其违法排污不予处罚 匿名');
await page.screenshot({ path: '/tmp/sim-1.png' });
const buttons = await page.locator('#log .entry-bot').last().getByRole('button').allInnerTexts();
console.log('buttons', buttons);
if (buttons.includes('确认')) {
  const n = await page.locator('#log .entry-bot').count();
  await page.locator('#log .entry-bot').last().getByRole('button', { name: '确认', exact: true }).click();
  await page.locator('#log .entry-bot').nth(n).waitFor({ timeout: 60000 });
}
console.log((await page.locator('#log .entry-bot .text').allInnerTexts()).join('\n---\n'));
await page.screenshot({ path: '/tmp/sim-2.png' });
await page.getByLabel('当前身份').selectOption('jw-officer');
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/sim-3.png' });
console.log('PUSHES', (await page.locator('#log .entry-push .text').allInnerTexts()).join('\n---\n'));
await say('问 今年移送纪委的线索有几条');
await page.getByLabel('当前身份').selectOption('jw-leader');
await page.waitForTimeout(1000);
await say('问 今年各单位检察建议回复率');
console.log('LEADER', (await page.locator('#log .entry-bot .text').allInnerTexts()).slice(-1).join('\n'));
await page.screenshot({ path: '/tmp/sim-4.png' });
await browser.close();

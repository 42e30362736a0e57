import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

interface Roster {
  agencies: { code: string; name: string; people: { userId: string; name: string; roles: string[]; roleNames: string[] }[] }[];
}

describe('web chat simulator routes', () => {
  it('serves the page and its modules, with a content security policy, and nothing outside its folder', async () => {
    bot = await startTestBot();
    const page = await fetch(`${bot.url}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('<label for="user">');
    for (const asset of [...html.matchAll(/(?:src|href)="(\/console\/web\/[^"]+)"/g)].map((m) => m[1]!)) {
      const res = await fetch(bot.url + asset);
      expect(res.status, asset).toBe(200);
    }
    const script = await fetch(`${bot.url}/console/web/app.js`);
    expect(script.headers.get('content-type')).toMatch(/text\/javascript/);
    for (const path of ['/console/web/nope.js', '/console/web/..%2Fconsole-channel.ts', '/console/web/%2E%2E%2F%2E%2E%2Fapp.ts']) {
      expect((await fetch(bot.url + path)).status, path).toBe(404);
    }
  });

  it('lists console users grouped by agency in config order, with role names', async () => {
    bot = await startTestBot();
    await bot.services.roster.import([{ channel: 'wecom', userId: 'wx-only', name: '企业微信用户', agency: 'jcy', roles: ['officer'] }]);
    const res = await fetch(`${bot.url}/console/roster`);
    expect(res.status).toBe(200);
    const roster = (await res.json()) as Roster;
    expect(roster.agencies.map((a) => a.code)).toEqual(['jw', 'jcy', 'sfj', 'nyncj', 'zhzf']);
    const jcy = roster.agencies.find((a) => a.code === 'jcy')!;
    expect(jcy.name).toBe('县人民检察院');
    expect(jcy.people.map((p) => p.userId)).toEqual(['jcy-leader', 'jcy-officer', 'jcy-organizer']);
    expect(jcy.people.find((p) => p.userId === 'jcy-officer')).toEqual({
      userId: 'jcy-officer',
      name: '检察官赵敏',
      roles: ['officer'],
      roleNames: ['办案人员'],
    });
    expect(roster.agencies.flatMap((a) => a.people).map((p) => p.userId)).not.toContain('wx-only');
  });

  it('gives every push a stable id and passes buttons, images and files through', async () => {
    bot = await startTestBot();
    const people = await bot.services.roster.members('jcy', ['officer']);
    const message = { text: '新线索待受理', buttons: ['待办'], image: { url: '/charts/x.png' }, file: { url: '/exports/x.xlsx', name: '导出.xlsx' } };
    await bot.services.notifier.toPeople(people, 'web-test:1', message);
    const first = await bot.outbox('jcy-officer');
    const again = await bot.outbox('jcy-officer');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject(message);
    const id = (first[0] as { id?: string }).id;
    expect(id).toEqual(expect.any(String));
    expect((again[0] as { id?: string }).id).toBe(id);
  });

  it('pages a busy outbox newest first with a cursor, so a new push is seen after 500 others', async () => {
    bot = await startTestBot();
    const people = await bot.services.roster.members('sfj', ['organizer']);
    for (let n = 0; n < 10; n++) {
      await bot.services.notifier.toPeople(people, `busy:${n}`, { text: `推送${n}` });
    }
    // 500 more in bulk, written in order within one instant.
    const items = Array.from({ length: 500 }, (_, n) => ({
      key: `bulk:${n}`,
      channel: 'console' as const,
      userId: 'sfj-organizer',
      message: { text: `批量${n}` },
    }));
    await bot.stores.outbox.enqueue(items, bot.clock.now());
    const page = async (query: string) =>
      (await (await fetch(`${bot!.url}/console/outbox?userId=sfj-organizer${query}`)).json()) as { messages: { id: string; text: string }[]; next?: string };
    const first = await page('');
    expect(first.messages).toHaveLength(50);
    expect(first.messages[0]!.text).toBe('批量499');
    const seen = new Set<string>();
    let cursor: string | undefined = '';
    for (let pages = 0; cursor !== undefined; pages++) {
      expect(pages).toBeLessThan(5);
      const next = await page(`&limit=200${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      for (const message of next.messages) seen.add(message.id);
      cursor = next.next;
    }
    expect(seen.size).toBe(510);
    bot.clock.advance(60_000);
    await bot.services.notifier.toPeople(people, 'busy:new', { text: '最新推送' });
    expect((await page('')).messages[0]!.text).toBe('最新推送');
    expect((await bot.outbox('sfj-organizer')).at(-1)!.text).toBe('最新推送');
    for (const bad of ['&limit=0', '&limit=201', '&limit=x', '&before=nope']) {
      const res = await fetch(`${bot.url}/console/outbox?userId=sfj-organizer${bad}`);
      expect(bad === '&before=nope' ? ((await res.json()) as { messages: unknown[] }).messages : res.status, bad).toEqual(bad === '&before=nope' ? [] : 400);
    }
  });

  it('is off with the console API in production unless CONSOLE_ENABLED=true', async () => {
    const production = { NODE_ENV: 'production', CLUE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    bot = await startTestBot({ env: production });
    for (const path of ['/console', '/console/roster', '/console/web/app.js']) {
      expect((await fetch(bot.url + path)).status, path).toBe(404);
    }
    await bot.close();
    bot = await startTestBot({ env: { ...production, CONSOLE_ENABLED: 'true', CONSOLE_TOKEN: 'production-console-token' } });
    expect((await fetch(`${bot.url}/console`)).status).toBe(200);
    expect((await fetch(`${bot.url}/console/roster`)).status).toBe(401);
    expect((await fetch(`${bot.url}/console/roster`, { headers: { authorization: 'Bearer production-console-token' } })).status).toBe(200);
  });
});

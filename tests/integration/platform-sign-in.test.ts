import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignedValues } from '../../src/http/signed-values';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, textMessageXml } from '../support/wecom-client';

// Issue 16, part 1: a WeCom or DingTalk requester opens their 调阅 link in the platform's own browser, signed in by
// WeCom OAuth (snsapi_base) or DingTalk 免登; anyone else signed in gets the same 404 as before.

const WECOM_SECRET = 'wecom-app-secret';
const DINGTALK = { appKey: 'dingtestkey', appSecret: 'test-app-secret', corpId: 'dingtestcorp' };
const SIGN_IN_KEY = randomBytes(32).toString('base64');
const ROSTER = [
  'userId,name,agency,roles,channel',
  'sfj-organizer,司法局联络员周洁,sfj,organizer,console',
  'wx-zhao,检察官赵敏,jcy,officer,wecom',
  'wx-li,纪委办案员李明,jw,officer,wecom',
  'dt-qian,检察官钱程,jcy,officer,dingtalk',
  'dt-sun,纪委办案员孙力,jw,officer,dingtalk',
].join('\n');

let wecomApi: FakeWecomApi;
let dingtalkApi: FakeDingTalkApi;
let bot: TestBot;
let msgId = 7000;
const logLines: string[] = [];

/** A browser of the platform's in-app kind: keeps the cookies it is given, follows no redirect by itself. */
class Browser {
  readonly cookies = new Map<string, string>();

  async get(path: string, accept = 'text/html,application/xhtml+xml'): Promise<Response> {
    return this.keep(await fetch(new URL(path, bot.url), { redirect: 'manual', headers: { accept, cookie: this.cookieHeader() } }));
  }

  async postJson(path: string, body: unknown): Promise<Response> {
    return this.keep(
      await fetch(new URL(path, bot.url), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', cookie: this.cookieHeader() },
        body: JSON.stringify(body),
      }),
    );
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      if (!value || attributes.some((a) => /expires=.*1970/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

const setCookie = (res: Response, name: string) => res.headers.getSetCookie().find((line) => line.startsWith(`${name}=`)) ?? '';

async function wecomSays(from: string, content: string): Promise<void> {
  const request = callbackRequest(OFFICIAL, textMessageXml({ from, content, msgId: String(++msgId), corpId: OFFICIAL.corpId }));
  const res = await fetch(`${bot.url}/wecom/callback?${request.query}`, { method: 'POST', body: request.body, headers: { 'content-type': 'text/xml' } });
  expect(res.status).toBe(200);
}

async function dingtalkSays(from: string, text: string): Promise<void> {
  const body = callbackBody({
    senderStaffId: from,
    text,
    sessionWebhook: dingtalkApi.sessionWebhookUrl(from),
    sessionWebhookExpiredTime: bot.clock.now().getTime() + 90 * 60_000,
    createAt: bot.clock.now().getTime(),
  });
  const sent = dingtalkApi.batchSends.length;
  const res = await postSignedCallback({ url: `${bot.url}/dingtalk/callback`, appSecret: DINGTALK.appSecret, body, timestamp: bot.clock.now().getTime() });
  expect(res.status).toBe(200);
  // The inbox answers DingTalk before dispatching: the reply is pushed once the message has been handled.
  for (let i = 0; i < 200 && dingtalkApi.batchSends.length === sent; i++) {
    await bot.sender.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('not seen in time');
}

/** The link of the 【调阅已批准】 notice WeCom delivered to `userId`. */
function wecomNoticeLink(userId: string): string | undefined {
  for (const send of wecomApi.sends) {
    if (send.body.touser !== userId) continue;
    const content = JSON.stringify(send.body);
    if (!content.includes('调阅已批准')) continue;
    return /\/sign-in\/wecom\?next=[A-Za-z0-9%_.-]+/.exec(content)?.[0];
  }
  return undefined;
}

function dingtalkNoticeLink(userId: string): string | undefined {
  for (const call of dingtalkApi.batchSends) {
    const content = JSON.stringify(call.msgParam);
    if (!call.userIds.includes(userId) || !content.includes('调阅已批准')) continue;
    return /\/sign-in\/dingtalk\?next=[A-Za-z0-9%_.-]+/.exec(content)?.[0];
  }
  return undefined;
}

/** A request by `ask` on its platform, approved view-only for 3 days by sfj on the console. */
async function approvedRequest(ask: () => Promise<void>, number: string): Promise<void> {
  await ask();
  expect((await bot.say('sfj-organizer', `批准调阅 ${number} 查看 3天`)).join('\n')).toContain('仅查看');
  await bot.sender.deliverDue();
}

/** WeCom's round trip: our redirect to its OAuth page, then its redirect back with a code for `userId`. */
async function wecomSignIn(browser: Browser, path: string, userId: string | { openid: string }): Promise<Response> {
  const start = await browser.get(path);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const state = authorize.searchParams.get('state')!;
  const code = `CODE-${randomBytes(6).toString('hex')}`;
  wecomApi.addAuthCode(code, userId);
  return browser.get(`/sign-in/wecom/callback?code=${code}&state=${state}`);
}

beforeAll(async () => {
  wecomApi = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_SECRET });
  dingtalkApi = await new FakeDingTalkApi({ appKey: DINGTALK.appKey, appSecret: DINGTALK.appSecret, now: () => bot.clock.now().getTime() }).start();
  bot = await startTestBot({
    roster: ROSTER,
    now: new Date('2026-12-03T02:00:00Z'),
    logLines,
    env: {
      SIGN_IN_KEY,
      WECOM_CORP_ID: OFFICIAL.corpId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: WECOM_SECRET,
      WECOM_TOKEN: OFFICIAL.token,
      WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
      WECOM_API_BASE: wecomApi.baseUrl,
      WECOM_REPLY_BUDGET_MS: '4500',
      DINGTALK_APP_KEY: DINGTALK.appKey,
      DINGTALK_APP_SECRET: DINGTALK.appSecret,
      DINGTALK_ROBOT_CODE: 'dingtestrobot',
      DINGTALK_CORP_ID: DINGTALK.corpId,
      DINGTALK_API_BASE: dingtalkApi.apiBase,
      DINGTALK_OAPI_BASE: dingtalkApi.apiBase,
    },
  });
});

afterAll(async () => {
  await bot?.close();
  await wecomApi?.close();
  await dingtalkApi?.stop();
});

describe('WeCom sign-in (OAuth snsapi_base)', () => {
  it('the requester taps the link in WeCom, signs in by code and sees the materials watermarked; another member signed in gets 404', async () => {
    await approvedRequest(() => wecomSays('wx-zhao', '申请调阅 sfj 某执法案卷 审查'), 'DY-2026-0001');
    const link = await until(() => wecomNoticeLink('wx-zhao'));
    const next = new URL(link, bot.url).searchParams.get('next')!;
    expect(next).toMatch(/^\/file-access\/[A-Za-z0-9_-]{43}$/);

    const zhao = new Browser();
    const start = await zhao.get(link);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(authorize.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      appid: OFFICIAL.corpId,
      redirect_uri: `${bot.url}/sign-in/wecom/callback`,
      response_type: 'code',
      scope: 'snsapi_base',
      agentid: '1000002',
    });
    const state = authorize.searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9]{1,128}$/);
    expect(setCookie(start, 'sign_in_pending')).toMatch(/httponly/i);

    wecomApi.addAuthCode('CODE-ZHAO', 'wx-zhao');
    const back = await zhao.get(`/sign-in/wecom/callback?code=CODE-ZHAO&state=${state}`);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(next);
    const session = setCookie(back, 'sign_in_session');
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
    expect(session).toMatch(/expires=/i);

    const page = await zhao.get(next);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/class="watermark" data-mark="检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001"/);
    expect((await bot.say('sfj-organizer', '调阅记录 DY-2026-0001')).join('\n')).toContain('检察官赵敏 查看 DY-2026-0001');

    // The code was used once: WeCom refuses it again (40029), and so does the bot.
    const replay = await zhao.get(link);
    const replayState = new URL(replay.headers.get('location')!).searchParams.get('state');
    expect((await zhao.get(`/sign-in/wecom/callback?code=CODE-ZHAO&state=${replayState}`)).status).toBe(403);

    // The log has the sign-in requests, but never a code, a state or a cookie.
    const log = logLines.join('\n');
    expect(log).toContain('/sign-in/wecom/callback');
    for (const secret of ['CODE-ZHAO', state, zhao.cookies.get('sign_in_session')!, next.slice('/file-access/'.length)]) expect(log).not.toContain(secret);

    const li = new Browser();
    expect((await wecomSignIn(li, link, 'wx-li')).status).toBe(302);
    expect(li.cookies.has('sign_in_session')).toBe(true);
    const other = await li.get(next);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('DY-2026-0001');
  }, 120_000);

  it('an unidentified browser on the bare link is sent to the sign-in of the channel the link was issued for; a non-browser gets 404', async () => {
    const next = new URL((await until(() => wecomNoticeLink('wx-zhao')))!, bot.url).searchParams.get('next')!;
    const browser = new Browser();
    const bare = await browser.get(next);
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe(`/sign-in/wecom?next=${encodeURIComponent(next)}`);
    expect((await browser.get(next, 'application/json')).status).toBe(404);
    // An unknown token reveals nothing: 404, no redirect.
    expect((await browser.get(`/file-access/${'A'.repeat(43)}`)).status).toBe(404);
  });

  it('refuses a forged or expired state, a non-member (openid only), a forged cookie and an expired session', async () => {
    const link = (await until(() => wecomNoticeLink('wx-zhao')))!;
    const next = new URL(link, bot.url).searchParams.get('next')!;

    const forged = new Browser();
    await forged.get(link);
    wecomApi.addAuthCode('CODE-FORGED', 'wx-zhao');
    expect((await forged.get('/sign-in/wecom/callback?code=CODE-FORGED&state=0123456789abcdef')).status).toBe(403);
    expect(forged.cookies.has('sign_in_session')).toBe(false);
    // A state without the browser's pending cookie (another browser's, or a link someone was sent) is refused too.
    const start = await new Browser().get(link);
    const stolenState = new URL(start.headers.get('location')!).searchParams.get('state');
    wecomApi.addAuthCode('CODE-STOLEN', 'wx-li');
    expect((await new Browser().get(`/sign-in/wecom/callback?code=CODE-STOLEN&state=${stolenState}`)).status).toBe(403);

    const late = new Browser();
    const lateStart = await late.get(link);
    const lateState = new URL(lateStart.headers.get('location')!).searchParams.get('state');
    bot.clock.advance(11 * 60_000);
    wecomApi.addAuthCode('CODE-LATE', 'wx-zhao');
    expect((await late.get(`/sign-in/wecom/callback?code=CODE-LATE&state=${lateState}`)).status).toBe(403);

    expect((await wecomSignIn(new Browser(), link, { openid: 'oExternal123' })).status).toBe(403);
    expect((await new Browser().get('/sign-in/wecom?next=https://evil.example/')).status).toBe(400);
    expect((await new Browser().get('/sign-in/wecom?next=//evil.example/')).status).toBe(400);

    const zhao = new Browser();
    expect((await wecomSignIn(zhao, link, 'wx-zhao')).status).toBe(302);
    expect((await zhao.get(next)).status).toBe(200);
    const [body, mac] = zhao.cookies.get('sign_in_session')!.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const impostor = new Browser();
    impostor.cookies.set(
      'sign_in_session',
      `${Buffer.from(JSON.stringify({ ...claims, u: 'wx-zhao', exp: (claims.exp as number) + 1 })).toString('base64url')}.${mac}`,
    );
    expect((await impostor.get(next, 'application/json')).status).toBe(404);
    const otherKey = new SignedValues(randomBytes(32));
    impostor.cookies.set('sign_in_session', otherKey.seal('sign-in-session', { c: 'wecom', u: 'wx-zhao' }, new Date(bot.clock.now().getTime() + 3_600_000)));
    expect((await impostor.get(next, 'application/json')).status).toBe(404);
    expect((await impostor.get(next)).status).toBe(302);

    bot.clock.advance(8 * 60 * 60_000 + 60_000);
    expect((await zhao.get(next, 'application/json')).status).toBe(404);
    const again = await zhao.get(next);
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toContain('/sign-in/wecom?next=');
  }, 120_000);
});

describe('DingTalk sign-in (免登)', () => {
  it('the page asks DingTalk for a code and posts it; the requester sees the materials watermarked; another user signed in gets 404', async () => {
    await approvedRequest(() => dingtalkSays('dt-qian', '申请调阅 sfj 某执法案卷 审查'), 'DY-2026-0002');
    const link = await until(() => dingtalkNoticeLink('dt-qian'));
    const next = new URL(link, bot.url).searchParams.get('next')!;
    expect(next).toMatch(/^\/file-access\/[A-Za-z0-9_-]{43}$/);

    const qian = new Browser();
    const start = await qian.get(link);
    expect(start.status).toBe(200);
    const html = await start.text();
    expect(html).toContain('<script src="https://g.alicdn.com/dingding/dingtalk-jsapi/');
    expect(html).toContain('dd.runtime.permission.requestAuthCode');
    expect(html).toContain(`data-corp-id="${DINGTALK.corpId}"`);
    expect(start.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const state = /data-state="([0-9a-f]+)"/.exec(html)![1];

    dingtalkApi.addAuthCode('AUTH-QIAN', 'dt-qian');
    const signedIn = await qian.postJson('/sign-in/dingtalk/callback', { authCode: 'AUTH-QIAN', state });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toEqual({ next });
    expect(setCookie(signedIn, 'sign_in_session')).toMatch(/samesite=lax/i);
    const page = await qian.get(next);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-mark="检察官钱程（县人民检察院）');

    const sun = new Browser();
    const sunState = /data-state="([0-9a-f]+)"/.exec(await (await sun.get(link)).text())![1];
    dingtalkApi.addAuthCode('AUTH-SUN', 'dt-sun');
    expect((await sun.postJson('/sign-in/dingtalk/callback', { authCode: 'AUTH-SUN', state: sunState })).status).toBe(200);
    expect((await sun.get(next)).status).toBe(404);

    // The bare link sends an unidentified browser to DingTalk's sign-in.
    const bare = await new Browser().get(next);
    expect(bare.headers.get('location')).toBe(`/sign-in/dingtalk?next=${encodeURIComponent(next)}`);
  }, 120_000);

  it('refuses an unknown or reused code (40078) and a forged state', async () => {
    const link = (await until(() => dingtalkNoticeLink('dt-qian')))!;
    const browser = new Browser();
    const stateOf = async () => /data-state="([0-9a-f]+)"/.exec(await (await browser.get(link)).text())![1];
    expect((await browser.postJson('/sign-in/dingtalk/callback', { authCode: 'NO-SUCH-CODE', state: await stateOf() })).status).toBe(403);
    expect((await browser.postJson('/sign-in/dingtalk/callback', { authCode: 'AUTH-QIAN', state: await stateOf() })).status).toBe(403);
    await stateOf();
    dingtalkApi.addAuthCode('AUTH-FORGED', 'dt-qian');
    expect((await browser.postJson('/sign-in/dingtalk/callback', { authCode: 'AUTH-FORGED', state: 'f'.repeat(48) })).status).toBe(403);
    expect(browser.cookies.has('sign_in_session')).toBe(false);
    // DingTalk unreachable: 503, try again later; nobody is signed in.
    dingtalkApi.addAuthCode('AUTH-OUTAGE', 'dt-qian');
    dingtalkApi.failNext('userByCode', 2);
    expect((await browser.postJson('/sign-in/dingtalk/callback', { authCode: 'AUTH-OUTAGE', state: await stateOf() })).status).toBe(503);
    expect(browser.cookies.has('sign_in_session')).toBe(false);
  });
});

import type Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { FixedClock } from '../../../src/kernel/clock';
import { SignedValues } from '../../../src/http/signed-values';
import { anyViewer, consoleViewer, sealSession, sessionViewer } from '../../../src/http/viewer';

/** The parts of a Koa context the viewer reads: headers and cookies. */
function request(headers: Record<string, string>, cookies: Record<string, string> = {}): Koa.Context {
  return { get: (name: string) => headers[name.toLowerCase()] ?? '', cookies: { get: (name: string) => cookies[name] } } as unknown as Koa.Context;
}

const TOKEN = 'a-console-token-of-24-chars';

describe('who opens a link', () => {
  it('is the console user of the cookie or header, never a query parameter', () => {
    const viewer = consoleViewer({ enabled: true });
    expect(viewer(request({}, { console_user: 'jcy-officer' }))).toEqual({ channel: 'console', userId: 'jcy-officer' });
    expect(viewer(request({ 'x-console-user': 'jw-officer' }))).toEqual({ channel: 'console', userId: 'jw-officer' });
    expect(viewer(request({}, { console_user: encodeURIComponent('司法局-周洁') }))).toEqual({ channel: 'console', userId: '司法局-周洁' });
    expect(viewer(request({}))).toBeNull();
    expect(viewer(request({}, { console_user: 'x'.repeat(65) }))).toBeNull();
    expect(viewer(request({}, { console_user: 'jw%00officer' }))).toBeNull();
  });

  it('needs the console token when one is set, and nobody when the console is off', () => {
    const viewer = consoleViewer({ enabled: true, token: TOKEN });
    expect(viewer(request({}, { console_user: 'jcy-officer' }))).toBeNull();
    expect(viewer(request({}, { console_user: 'jcy-officer', console_token: 'wrong-token-wrong-token' }))).toBeNull();
    expect(viewer(request({}, { console_user: 'jcy-officer', console_token: TOKEN }))).toEqual({ channel: 'console', userId: 'jcy-officer' });
    expect(viewer(request({ authorization: `Bearer ${TOKEN}` }, { console_user: 'jcy-officer' }))).toEqual({ channel: 'console', userId: 'jcy-officer' });
    expect(consoleViewer({ enabled: false })(request({}, { console_user: 'jcy-officer' }))).toBeNull();
  });
});

describe('a WeCom or DingTalk user signed in in the platform browser', () => {
  const values = new SignedValues(randomBytes(32));
  const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
  const viewer = sessionViewer(values, clock, new Set(['wecom', 'dingtalk']));
  const session = (channel: string, userId: string, minutes = 480) =>
    sealSession(values, { channel, userId }, new Date(clock.now().getTime() + minutes * 60_000));

  it('is the user of the signed session cookie, until it expires', () => {
    expect(viewer(request({}, { sign_in_session: session('wecom', 'wx-zhao') }))).toEqual({ channel: 'wecom', userId: 'wx-zhao' });
    expect(viewer(request({}, { sign_in_session: session('wecom', 'wx-zhao', 1) }))).not.toBeNull();
    const later = new FixedClock(new Date(clock.now().getTime() + 2 * 60_000));
    expect(sessionViewer(values, later, new Set(['wecom']))(request({}, { sign_in_session: session('wecom', 'wx-zhao', 1) }))).toBeNull();
  });

  it('is nobody for a forged cookie, another key, or a channel that does not sign in', () => {
    const other = sealSession(new SignedValues(randomBytes(32)), { channel: 'wecom', userId: 'wx-zhao' }, new Date(clock.now().getTime() + 60_000));
    expect(viewer(request({}, { sign_in_session: other }))).toBeNull();
    expect(viewer(request({}, { sign_in_session: session('console', 'jcy-officer') }))).toBeNull();
    expect(viewer(request({}, { sign_in_session: 'not-a-session' }))).toBeNull();
  });

  it('is tried alongside the console user', () => {
    const both = anyViewer(viewer, consoleViewer({ enabled: true }));
    expect(both(request({}, { console_user: 'jcy-officer' }))).toEqual({ channel: 'console', userId: 'jcy-officer' });
    expect(both(request({}, { sign_in_session: session('dingtalk', 'dt-qian') }))).toEqual({ channel: 'dingtalk', userId: 'dt-qian' });
  });
});

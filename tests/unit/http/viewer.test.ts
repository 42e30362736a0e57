import type Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { consoleViewer } from '../../../src/http/viewer';

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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINK_TOKEN, LinkTokens, redactPath, signInPath } from '../../../../src/domain/links/link-tokens';
import { FixedClock } from '../../../../src/kernel/clock';
import { MemoryLinkTokenStore } from '../../../support/memory/link-tokens';

const JCY = { channel: 'console', userId: 'jcy-officer' };

function setup() {
  const clock = new FixedClock(new Date('2026-12-03T02:00:00Z'));
  const store = new MemoryLinkTokenStore();
  return { clock, store, links: new LinkTokens(store, clock) };
}

describe('link tokens', () => {
  it('store only a hash, bound to holder, purpose and item, and open for that holder alone until they expire', async () => {
    const { clock, store, links } = setup();
    const expiresAt = new Date('2026-12-03T02:10:00Z');
    const token = await links.issue(JCY, 'clue-attachment', 'att-1', expiresAt);
    expect(token).toMatch(LINK_TOKEN);
    expect(JSON.stringify(store.records)).not.toContain(token);
    expect(store.records).toMatchObject([{ purpose: 'clue-attachment', item: 'att-1', holder: JCY, expiresAt }]);

    expect(await links.redeem(token, 'clue-attachment', JCY)).toEqual({ item: 'att-1', expiresAt });
    expect(await links.redeem(token, 'report-file', JCY)).toBeNull();
    expect(await links.redeem(token, 'clue-attachment', { channel: 'console', userId: 'jw-officer' })).toBeNull();
    expect(await links.redeem(token, 'clue-attachment', { channel: 'wecom', userId: 'jcy-officer' })).toBeNull();
    expect(await links.redeem(token, 'clue-attachment', null)).toBeNull();
    // Another last character (a token ending in A was the same token: this failed one run in 64).
    expect(await links.redeem(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'clue-attachment', JCY)).toBeNull();

    clock.set(expiresAt);
    expect(await links.redeem(token, 'clue-attachment', JCY)).toBeNull();
    expect(await links.purgeExpired(clock.now())).toBe(1);
  });

  it('tell the channel a valid token was issued to (where to sign in), never whom, and nothing for any other token', async () => {
    const { clock, links } = setup();
    const expiresAt = new Date('2026-12-03T02:10:00Z');
    const token = await links.issue({ channel: 'wecom', userId: 'wx-zhao' }, 'file-access', 'DY-2026-0001', expiresAt);
    expect(await links.channelOf(token, 'file-access')).toBe('wecom');
    expect(await links.channelOf(token, 'report-file')).toBeNull();
    expect(await links.channelOf(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'file-access')).toBeNull();
    expect(await links.channelOf('short', 'file-access')).toBeNull();
    clock.set(expiresAt);
    expect(await links.channelOf(token, 'file-access')).toBeNull();
    expect(signInPath('wecom', '/file-access/abc')).toBe('/sign-in/wecom?next=%2Ffile-access%2Fabc');
  });

  it('revoke every token of one item', async () => {
    const { links, store } = setup();
    const until = new Date('2026-12-10T00:00:00Z');
    const token = await links.issue(JCY, 'file-access', 'DY-2026-0001', until);
    await links.issue(JCY, 'file-access', 'DY-2026-0002', until);
    expect(await links.revoke('file-access', 'DY-2026-0001')).toBe(1);
    expect(await links.redeem(token, 'file-access', JCY)).toBeNull();
    expect(store.records.map((r) => r.item)).toEqual(['DY-2026-0002']);
  });

  it('are never written to a log in full: every token-like path segment is cut to 6 characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.constantFrom('/file-access/', '/reports/charts/', '/clues/attachments/'), (token, prefix) => {
        const logged = redactPath(`${prefix}${token}/files/2`);
        expect(logged).toBe(`${prefix}${token.slice(0, 6)}…/files/2`);
        expect(logged).not.toContain(token.slice(0, 7));
      }),
    );
    expect(redactPath('/console/outbox')).toBe('/console/outbox');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { RosterService } from '../../../../src/domain/roster/roster-service';
import type { Person } from '../../../../src/kernel/people';
import { MemoryRosterStore } from '../../../support/memory/roster';

const officer = (userId: string, agency = 'sfj', name = '办案员'): Person => ({ channel: 'console', userId, name, agency, roles: ['officer'] });

/** performance.now(), which paces the snapshot reloads, at `ms`. */
function monotonicAt(ms: number) {
  vi.spyOn(performance, 'now').mockReturnValue(ms);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('import', () => {
  it('upserts by channel and userId: a re-import updates and never duplicates', async () => {
    const store = new MemoryRosterStore();
    const roster = new RosterService(store);
    expect(await roster.import([officer('a'), officer('b')])).toEqual({ inserted: 2, updated: 0 });
    expect(await roster.import([officer('a', 'jcy', '新名字'), officer('c'), { ...officer('a'), channel: 'wecom' }])).toEqual({ inserted: 2, updated: 1 });
    expect(store.people.size).toBe(4);
    expect(await roster.find('console', 'a')).toMatchObject({ name: '新名字', agency: 'jcy' });
    expect(await roster.import([])).toEqual({ inserted: 0, updated: 0 });
  });

  it('tells whether anyone is registered', async () => {
    const roster = new RosterService(new MemoryRosterStore());
    expect(await roster.isEmpty()).toBe(true);
    await roster.import([officer('a')]);
    expect(await roster.isEmpty()).toBe(false);
  });
});

describe('queries', () => {
  it('find by channel and user, members of an agency by role, holders of a role, and everyone, in a stable order', async () => {
    const roster = new RosterService(new MemoryRosterStore());
    await roster.import([
      officer('z', 'sfj'),
      { channel: 'wecom', userId: 'b', name: '联络员', agency: 'sfj', roles: ['organizer', 'officer'] },
      officer('a', 'jcy'),
      { channel: 'console', userId: 'l', name: '领导', agency: 'sfj', roles: ['leader'] },
    ]);
    expect(await roster.find('wecom', 'b')).toMatchObject({ name: '联络员' });
    expect(await roster.find('console', 'b')).toBeNull();
    expect((await roster.members('sfj')).map((p) => `${p.channel}:${p.userId}`)).toEqual(['console:l', 'console:z', 'wecom:b']);
    expect((await roster.members('sfj', ['organizer', 'leader'])).map((p) => p.userId)).toEqual(['l', 'b']);
    expect((await roster.withRole('officer')).map((p) => p.userId)).toEqual(['a', 'b', 'z']);
    expect((await roster.all()).map((p) => p.userId)).toEqual(['a', 'b', 'l', 'z']);
  });
});

describe('the snapshot', () => {
  it('shows a change made elsewhere (the CLI) at once, by the store stamp, and an import or removal through the service at once', async () => {
    const store = new MemoryRosterStore();
    const roster = new RosterService(store);
    const elsewhere = new RosterService(store);
    monotonicAt(1_000);
    await roster.import([officer('a')]);
    expect(await roster.find('console', 'a')).not.toBeNull();

    await elsewhere.import([officer('b')]);
    monotonicAt(1_001);
    expect(await roster.find('console', 'b')).not.toBeNull();
    await elsewhere.remove([officer('a')]);
    expect(await roster.find('console', 'a')).toBeNull();

    await roster.import([officer('c')]);
    expect(await roster.find('console', 'c')).not.toBeNull();
  });

  it('is loaded once for concurrent callers, and a load that began before an import is not kept', async () => {
    const store = new MemoryRosterStore();
    await store.upsert([officer('a')]);
    const roster = new RosterService(store);
    const loads = vi.spyOn(store, 'all');
    monotonicAt(0);
    await Promise.all([roster.find('console', 'a'), roster.members('sfj'), roster.all()]);
    expect(loads).toHaveBeenCalledTimes(1);

    monotonicAt(20_000);
    let finishLoad = () => {};
    const loaded = new Promise<void>((resolve) => {
      finishLoad = resolve;
    });
    const people = await store.all();
    loads.mockImplementationOnce(async () => {
      await loaded;
      return people;
    });
    const stale = roster.all();
    await roster.import([officer('b')]);
    finishLoad();
    expect((await stale).map((p) => p.userId)).toEqual(['a']);
    expect((await roster.all()).map((p) => p.userId)).toEqual(['a', 'b']);
  });
});

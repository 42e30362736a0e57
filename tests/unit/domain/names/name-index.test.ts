import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, NameIndex, normalizeName } from '../../../../src/domain/names';

const index = new NameIndex([
  { value: 'a', label: '县综合行政执法局', names: ['综合执法局', 'zhzf'] },
  { value: 'b', label: '县农业农村局', names: ['农业农村局', 'nyncj'] },
  { value: 'c', label: '县公安局', names: ['公安局', 'gaj'] },
]);

describe('NameIndex', () => {
  it('finds by any name, whatever the width, case and spacing', () => {
    expect(index.match(' ＺＨＺＦ ')).toMatchObject({ kind: 'found', entry: { value: 'a' } });
    expect(index.match('农业农村局')).toMatchObject({ kind: 'found', entry: { value: 'b' } });
  });

  it('finds by a part only one name has, and by a name inside what was typed', () => {
    expect(index.match('执法局')).toMatchObject({ kind: 'found', entry: { value: 'a' } });
    expect(index.match('县公安局交警大队')).toMatchObject({ kind: 'found', entry: { value: 'c' } });
  });

  it('asks when several names have the part typed', () => {
    expect(index.match('县农').kind).toBe('found');
    expect(index.match('农业农村局和公安局')).toMatchObject({ kind: 'ambiguous', entries: [{ value: 'b' }, { value: 'c' }] });
  });

  it('suggests the names within a typo or two, and nothing for what is far from all', () => {
    expect(index.match('综合执发局')).toMatchObject({ kind: 'suggest', entries: [{ value: 'a' }] });
    expect(index.match('火星')).toEqual({ kind: 'none' });
    expect(index.match('  ')).toEqual({ kind: 'none' });
  });

  it('lists the names mentioned in a longer text, longest first', () => {
    expect(index.mentions('县公安局和综合执法局本月的情况').map((e) => e.value)).toEqual(['a', 'c']);
  });

  it('always finds an entry by each of its own names (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...index.entries), fc.nat(), (entry, n) => {
        const names = [entry.label, ...entry.names];
        const match = index.match(names[n % names.length]!);
        return match.kind === 'found' && match.entry === entry;
      }),
    );
  });

  it('normalizes idempotently, and the edit distance is a metric on small strings (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const d = editDistance(a, b);
        return d === editDistance(b, a) && (d === 0) === (a === b) && d <= Math.max([...a].length, [...b].length);
      }),
    );
  });
});

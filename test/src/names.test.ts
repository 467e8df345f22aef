import { splitName, withSplitName } from '../../src/names';

describe('splitName', () => {
  it.each([
    ['Ada Lovelace', 'Ada', 'Lovelace'],
    ['Ada King Lovelace', 'Ada', 'King Lovelace'],
    ['  Ada   Lovelace  ', 'Ada', 'Lovelace'],
    ['Lovelace, Ada', 'Ada', 'Lovelace'],
    ['Cher', 'Cher', ''],
    ['', '', ''],
    ['José Álvarez-Núñez', 'José', 'Álvarez-Núñez'],
  ])('splits %j into %j and %j', (full, first, last) => {
    expect(splitName(full)).toEqual({ first_name: first, last_name: last });
  });

  it('fills names only when both are empty', () => {
    expect(withSplitName({ name: 'Ada Lovelace' })).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace' });
    expect(withSplitName({ name: 'Ada Lovelace', first_name: 'Augusta' })).toEqual({ name: 'Ada Lovelace', first_name: 'Augusta' });
  });
});

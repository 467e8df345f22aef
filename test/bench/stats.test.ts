import { formatMs, median, overheadRatio, renderTable } from '../../bench/stats';

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the middle two, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow('median of no values');
  });

  it('leaves the input unsorted', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('has no overhead ratio without a direct time', () => {
    expect(overheadRatio(12, 4)).toBe(3);
    expect(overheadRatio(12, 0)).toBeUndefined();
  });

  it('shows fewer decimals as times grow', () => {
    expect([formatMs(1.2345), formatMs(12.345), formatMs(123.45)]).toEqual(['1.23', '12.3', '123']);
  });
});

describe('bench tables', () => {
  it('renders a Markdown table padded to the widest cell of each column', () => {
    expect(renderTable(['CRM', 'Steady'], [['keap', '1'], ['salesforce', '12']])).toBe(
      ['| CRM        | Steady |', '|------------|--------|', '| keap       | 1      |', '| salesforce | 12     |'].join('\n'),
    );
  });

  it('keeps columns at least three wide so the rule stays valid Markdown', () => {
    expect(renderTable(['A'], [['x']])).toBe(['| A   |', '|-----|', '| x   |'].join('\n'));
  });
});

/**
 * A small reference reader for SOQL text, written from Salesforce's "Quoted String Escape
 * Sequences" (salesforce.md §2.2), independent of src/providers/salesforce/soql.ts so the two
 * can check each other. Literals are single-quoted; inside one, a backslash may only start one
 * of the documented escapes; outside literals, double quotes and backslashes are errors.
 */

const ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

export class SoqlSyntaxError extends Error {}

/** Reads the string literal that opens at `start`; returns its value and the index just past it. */
export const readLiteral = (text: string, start: number): { value: string; end: number } => {
  if (text[start] !== "'") throw new SoqlSyntaxError(`no string literal at ${start}`);
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    // `\_` and `\%` are valid only in LIKE patterns, which the connector never writes.
    if (!(next in ESCAPES)) throw new SoqlSyntaxError(`invalid escape \\${next} at ${i}`);
    value += ESCAPES[next];
    i += 1;
  }
  throw new SoqlSyntaxError(`unterminated string literal opened at ${start}`);
};

export type SoqlScan = { skeleton: string; literals: string[] };

/**
 * Splits a query into its text outside literals (each literal replaced by `?`) and the literal
 * values; throws on anything Salesforce would reject lexically.
 */
export const scanSoql = (query: string): SoqlScan => {
  let skeleton = '';
  const literals: string[] = [];
  let depth = 0;
  for (let i = 0; i < query.length; ) {
    const c = query[i]!;
    if (c === "'") {
      const { value, end } = readLiteral(query, i);
      literals.push(value);
      skeleton += '?';
      i = end;
      continue;
    }
    if (c === '"' || c === '\\') throw new SoqlSyntaxError(`${c} outside a string literal at ${i}`);
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) throw new SoqlSyntaxError(`unbalanced ) at ${i}`);
    skeleton += c;
    i++;
  }
  if (depth !== 0) throw new SoqlSyntaxError('unbalanced parentheses');
  return { skeleton, literals };
};

/** Problems with a whole query (empty when it is well-formed as far as this reader can tell). */
export const soqlProblems = (query: string): string[] => {
  try {
    const { skeleton } = scanSoql(query);
    const problems: string[] = [];
    if (!/^\s*SELECT\s+\S/i.test(skeleton)) problems.push('does not start with SELECT');
    if (!/\sFROM\s+[A-Za-z][A-Za-z0-9_]*/i.test(skeleton)) problems.push('has no FROM <object>');
    if (skeleton.includes(';')) problems.push('contains ; outside a literal');
    return problems;
  } catch (error) {
    return [(error as Error).message];
  }
};

import { normalizeId, sfError, type Org, type SfRecord } from './org';
import { fieldOf, type FieldDef, type ObjectDef } from './schema';
import { parseSfDate } from './write';

/**
 * A small, real SOQL subset: SELECT fields (including one level of parent relationship such as
 * `Owner.Email`) or COUNT(), FROM one object, WHERE with AND/OR/NOT and parentheses,
 * = != <> < > <= >= LIKE IN NOT IN, ORDER BY, LIMIT and OFFSET. String literals follow the
 * documented escape rules, and errors come back as MALFORMED_QUERY / INVALID_FIELD /
 * INVALID_TYPE the way Salesforce words them.
 */

type Token =
  | { kind: 'word'; text: string; col: number }
  | { kind: 'string'; value: string; like: string; col: number }
  | { kind: 'number'; value: number; col: number }
  | { kind: 'date'; text: string; col: number }
  | { kind: 'op'; text: string; col: number };

type Literal = { kind: 'string'; value: string; like: string } | { kind: 'number'; value: number } | { kind: 'bool'; value: boolean } | { kind: 'null' } | { kind: 'date'; text: string };

interface FieldPath {
  /** Reference field on the queried object when the path crosses a relationship. */
  via?: FieldDef;
  def: FieldDef;
  /** The name the result uses: `Email`, or `Owner` + `Email`. */
  relationship?: string;
}

type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'cmp'; field: FieldPath; op: string; values: Literal[] };

const malformed = (message: string): never => sfError(400, 'MALFORMED_QUERY', message);

const ESCAPES: Record<string, string> = { n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f', '"': '"', "'": "'", '\\': '\\' };

/** Reads a quoted literal at `start`; `like` is a regex source where only unescaped % and _ are wildcards. */
const readString = (q: string, start: number): { value: string; like: string; end: number } => {
  let value = '';
  let like = '';
  const literal = (ch: string) => {
    value += ch;
    like += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  };
  for (let i = start + 1; i < q.length; i++) {
    const ch = q[i]!;
    if (ch === "'") return { value, like, end: i + 1 };
    if (ch === '%' || ch === '_') {
      value += ch;
      like += ch === '%' ? '.*' : '.';
      continue;
    }
    if (ch !== '\\') {
      literal(ch);
      continue;
    }
    const next = q[i + 1] ?? '';
    i++;
    if (next in ESCAPES) literal(ESCAPES[next]!);
    else if (next === '%' || next === '_') literal(next);
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(q.slice(i + 1, i + 5))) {
      literal(String.fromCharCode(parseInt(q.slice(i + 1, i + 5), 16)));
      i += 4;
    } else malformed(`Invalid string literal '${q.slice(start, i + 1)}'. Illegal character sequence '\\${next}' in string literal.`);
  }
  return malformed(`line 1:${start} mismatched character '<EOF>' expecting '''`);
};

const tokenize = (q: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    const col = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      const s = readString(q, i);
      tokens.push({ kind: 'string', value: s.value, like: s.like, col });
      i = s.end;
    } else if (ch === '"') {
      malformed(`line 1:${i} no viable alternative at character '"'`);
    } else if (/\d/.test(ch) || (ch === '-' && /\d/.test(q[i + 1] ?? ''))) {
      const date = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}))?/.exec(q.slice(i));
      if (date) {
        tokens.push({ kind: 'date', text: date[0], col });
        i += date[0].length;
      } else {
        const num = /^-?\d+(\.\d+)?/.exec(q.slice(i))![0];
        tokens.push({ kind: 'number', value: Number(num), col });
        i += num.length;
      }
    } else if (/[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i))![0];
      tokens.push({ kind: 'word', text: word, col });
      i += word.length;
    } else {
      const op = /^(!=|<>|<=|>=|=|<|>|\(|\)|,)/.exec(q.slice(i));
      if (!op) malformed(`line 1:${i} no viable alternative at character '${ch}'`);
      tokens.push({ kind: 'op', text: op![0], col });
      i += op![0].length;
    }
  }
  return tokens;
};

const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && words.includes(t.text.toUpperCase());

export interface ParsedQuery {
  object: ObjectDef;
  count: boolean;
  select: FieldPath[];
  where?: Expr;
  orderBy: { field: FieldPath; desc: boolean; nullsLast: boolean }[];
  limit?: number;
  offset: number;
}


/** How far either side of the error Salesforce echoes a long query (about 40 characters in all). */
const ECHO_REACH = 20;

/**
 * Salesforce's INVALID_FIELD message echoes only a window of a long query around the caret, cut
 * at word boundaries (public examples: apache/camel-quarkus#3022, forcedotcom/soql-tooling#86),
 * so a client cannot rely on the rest of its query being in the message.
 */
export const echoWindow = (query: string, col: number): { text: string; caret: number } => {
  const at = Math.max(col - 1, 0);
  if (query.length <= 2 * ECHO_REACH) return { text: query, caret: at };
  const before = query.lastIndexOf(' ', Math.max(at - ECHO_REACH, 0));
  const start = at - ECHO_REACH <= 0 || before < 0 ? 0 : before + 1;
  const after = query.indexOf(' ', Math.min(at + ECHO_REACH, query.length));
  const end = after < 0 ? query.length : after;
  return { text: query.slice(start, end), caret: at - start };
};

class Parser {
  private pos = 0;
  private object!: ObjectDef;

  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
    private readonly org: Org,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) return malformed('unexpected end of query');
    return token;
  }

  private expectWord(...words: string[]): void {
    const token = this.next();
    if (!isWord(token, ...words)) malformed(`unexpected token: '${'text' in token ? token.text : ''}'`);
  }

  private expectOp(op: string): void {
    const token = this.next();
    if (token.kind !== 'op' || token.text !== op) malformed(`unexpected token: '${'text' in token ? token.text : String('value' in token ? token.value : '')}', expecting '${op}'`);
  }

  private fieldError(name: string, col: number): never {
    const echo = echoWindow(this.query, col);
    return sfError(
      400,
      'INVALID_FIELD',
      `\n${echo.text}\n${' '.repeat(echo.caret)}^\nERROR at Row:1:Column:${col}\nNo such column '${name}' on entity '${this.object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }

  private field(token: Token): FieldPath {
    if (token.kind !== 'word') return malformed(`unexpected token: '${'text' in token ? token.text : ''}'`);
    const parts = token.text.split('.');
    if (parts[0]!.toLowerCase() === this.object.name.toLowerCase() && parts.length > 1) parts.shift();
    if (parts.length === 1) {
      const def = fieldOf(this.object, parts[0]!);
      return def ? { def } : this.fieldError(parts[0]!, token.col);
    }
    if (parts.length > 2) return this.fieldError(token.text, token.col);
    const via = this.object.fields.find((f) => f.relationshipName?.toLowerCase() === parts[0]!.toLowerCase());
    if (!via) return this.fieldError(parts[0]!, token.col);
    const targets = via.referenceTo.map((name) => this.org.schema[name]).filter((o): o is ObjectDef => Boolean(o));
    const defs = targets.map((o) => fieldOf(o, parts[1]!));
    if (defs.length === 0 || defs.some((d) => !d)) return this.fieldError(token.text, token.col);
    return { via, def: defs[0]!, relationship: via.relationshipName! };
  }

  parse(): ParsedQuery {
    this.expectWord('SELECT');
    const selectTokens: Token[] = [];
    let count = false;
    if (isWord(this.peek(), 'COUNT') && this.tokens[this.pos + 1]?.kind === 'op') {
      this.next();
      this.expectOp('(');
      this.expectOp(')');
      count = true;
    } else {
      for (;;) {
        selectTokens.push(this.next());
        if (this.peek()?.kind === 'op' && (this.peek() as { text: string }).text === ',') this.next();
        else break;
      }
    }
    this.expectWord('FROM');
    const from = this.next();
    const object = from.kind === 'word' ? this.org.object(from.text) : undefined;
    if (!object) {
      sfError(400, 'INVALID_TYPE', `\n${this.query}\n${' '.repeat(from.col - 1)}^\nERROR at Row:1:Column:${from.col}\nsObject type '${'text' in from ? from.text : ''}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    this.object = object!;
    const select = selectTokens.map((t) => this.field(t));
    let where: Expr | undefined;
    if (isWord(this.peek(), 'WHERE')) {
      this.next();
      where = this.orExpr();
    }
    const orderBy: ParsedQuery['orderBy'] = [];
    if (isWord(this.peek(), 'ORDER')) {
      this.next();
      this.expectWord('BY');
      for (;;) {
        const field = this.field(this.next());
        let desc = false;
        if (isWord(this.peek(), 'ASC', 'DESC')) desc = (this.next() as { text: string }).text.toUpperCase() === 'DESC';
        let nullsLast = desc;
        if (isWord(this.peek(), 'NULLS')) {
          this.next();
          const which = this.next();
          if (!isWord(which, 'FIRST', 'LAST')) malformed('expecting FIRST or LAST after NULLS');
          nullsLast = isWord(which, 'LAST');
        }
        orderBy.push({ field, desc, nullsLast });
        if (this.peek()?.kind === 'op' && (this.peek() as { text: string }).text === ',') this.next();
        else break;
      }
    }
    let limit: number | undefined;
    let offset = 0;
    while (isWord(this.peek(), 'LIMIT', 'OFFSET')) {
      const which = (this.next() as { text: string }).text.toUpperCase();
      const n = this.next();
      if (n.kind !== 'number' || !Number.isInteger(n.value) || n.value < 0) malformed(`${which} must be a non-negative integer`);
      if (which === 'LIMIT') limit = (n as { value: number }).value;
      else offset = (n as { value: number }).value;
    }
    const rest = this.peek();
    if (rest) malformed(`unexpected token: '${'text' in rest ? rest.text : 'value' in rest ? String(rest.value) : ''}'`);
    return { object: this.object, count, select, where, orderBy, limit, offset };
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (isWord(this.peek(), 'OR')) {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.unary();
    while (isWord(this.peek(), 'AND')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (isWord(this.peek(), 'NOT')) {
      this.next();
      return { kind: 'not', expr: this.unary() };
    }
    const token = this.peek();
    if (token?.kind === 'op' && token.text === '(') {
      this.next();
      const inner = this.orExpr();
      this.expectOp(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const fieldToken = this.next();
    const field = this.field(fieldToken);
    if (!field.def.filterable) sfError(400, 'INVALID_FIELD', `field '${field.def.name}' can not be filtered in a query call`);
    const opToken = this.next();
    let op: string;
    if (opToken.kind === 'op' && ['=', '!=', '<>', '<', '>', '<=', '>='].includes(opToken.text)) op = opToken.text === '<>' ? '!=' : opToken.text;
    else if (isWord(opToken, 'LIKE', 'IN')) op = (opToken as { text: string }).text.toUpperCase();
    else if (isWord(opToken, 'NOT') && isWord(this.peek(), 'IN')) {
      this.next();
      op = 'NOT IN';
    } else return malformed(`unexpected token: '${'text' in opToken ? opToken.text : ''}'`);
    const values: Literal[] = [];
    if (op === 'IN' || op === 'NOT IN') {
      this.expectOp('(');
      for (;;) {
        values.push(this.literal(field));
        const t = this.next();
        if (t.kind === 'op' && t.text === ')') break;
        if (t.kind !== 'op' || t.text !== ',') malformed("expecting ',' or ')'");
      }
    } else values.push(this.literal(field));
    if (op === 'LIKE' && values[0]?.kind !== 'string') malformed('LIKE needs a string literal');
    return { kind: 'cmp', field, op, values };
  }

  /** Literal types must fit the field, as Salesforce checks before it runs the query. */
  private literal(field: FieldPath): Literal {
    const token = this.next();
    const type = field.def.type;
    const name = field.def.name;
    const mismatch = (expected: string, quoted: boolean): never =>
      sfError(400, 'INVALID_FIELD', `value of filter criterion for field '${name}' must be of type ${expected} and ${quoted ? 'should' : 'should not'} be enclosed in quotes`);
    if (isWord(token, 'NULL')) return { kind: 'null' };
    if (isWord(token, 'TRUE', 'FALSE')) {
      if (type !== 'boolean') mismatch(type === 'datetime' ? 'dateTime' : type, !['int', 'double', 'date'].includes(type));
      return { kind: 'bool', value: isWord(token, 'TRUE') };
    }
    if (type === 'boolean') return mismatch('boolean', false);
    if (token.kind === 'string') {
      if (['int', 'double', 'date', 'datetime'].includes(type)) mismatch(type === 'datetime' ? 'dateTime' : type, false);
      return { kind: 'string', value: token.value, like: token.like };
    }
    if (token.kind === 'number') {
      if (!['int', 'double'].includes(type)) mismatch(type, true);
      return { kind: 'number', value: token.value };
    }
    if (token.kind === 'date') {
      if (type !== 'date' && type !== 'datetime') mismatch(type, true);
      if (type === 'datetime' && !token.text.includes('T')) sfError(400, 'INVALID_FIELD', `value of filter criterion for field '${name}' must be of type dateTime and should not be enclosed in quotes`);
      return { kind: 'date', text: token.text };
    }
    return malformed(`unexpected token: '${'text' in token ? token.text : ''}'`);
  }
}

export const parseSoql = (org: Org, query: string): ParsedQuery => new Parser(query, tokenize(query), org).parse();

const valueOf = (org: Org, record: SfRecord, path: FieldPath): unknown => {
  if (!path.via) return record.fields[path.def.name];
  const parent = org.get(record.fields[path.via.name]);
  return parent ? parent.fields[path.def.name] : null;
};

/** Comparable form: ids in 18-char form, strings folded, datetimes as epoch milliseconds. */
const comparable = (def: FieldDef, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  if (def.type === 'id' || def.type === 'reference') return normalizeId(value) ?? String(value);
  if (def.type === 'datetime') return parseSfDate(value);
  if (def.type === 'date') return String(value);
  if (typeof value === 'string') return value.toLowerCase();
  return value;
};

const literalValue = (def: FieldDef, literal: Literal): unknown => {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'date':
      return def.type === 'datetime' ? parseSfDate(literal.text) : literal.text.slice(0, 10);
    case 'string':
      return comparable(def, literal.value);
    default:
      return literal.value;
  }
};

const matches = (org: Org, record: SfRecord, expr: Expr): boolean => {
  switch (expr.kind) {
    case 'and':
      return matches(org, record, expr.left) && matches(org, record, expr.right);
    case 'or':
      return matches(org, record, expr.left) || matches(org, record, expr.right);
    case 'not':
      return !matches(org, record, expr.expr);
    case 'cmp': {
      const def = expr.field.def;
      const actual = comparable(def, valueOf(org, record, expr.field));
      const wanted = expr.values.map((v) => literalValue(def, v));
      const [first] = wanted;
      switch (expr.op) {
        case '=':
          return actual === first;
        case '!=':
          return actual !== first;
        case 'IN':
          return wanted.includes(actual);
        case 'NOT IN':
          return !wanted.includes(actual);
        case 'LIKE': {
          const literal = expr.values[0] as { like: string };
          return actual !== null && new RegExp(`^${literal.like}$`, 'is').test(String(valueOf(org, record, expr.field)));
        }
        default: {
          if (actual === null || first === null) return false;
          const [a, b] = [actual as number | string, first as number | string];
          return expr.op === '<' ? a < b : expr.op === '>' ? a > b : expr.op === '<=' ? a <= b : a >= b;
        }
      }
    }
  }
};

const attributes = (type: string, id: unknown) => ({ type, url: `/services/data/v62.0/sobjects/${type}/${String(id)}` });

export const runSoql = (org: Org, query: string): { totalSize: number; done: boolean; records: Record<string, unknown>[] } => {
  const parsed = parseSoql(org, query);
  let rows = org.all(parsed.object.name).map(({ record }) => record);
  if (parsed.where) rows = rows.filter((r) => matches(org, r, parsed.where!));
  for (const order of [...parsed.orderBy].reverse()) {
    rows.sort((x, y) => {
      const a = comparable(order.field.def, valueOf(org, x, order.field)) as string | number | null;
      const b = comparable(order.field.def, valueOf(org, y, order.field)) as string | number | null;
      if (a === b) return 0;
      if (a === null) return order.nullsLast ? 1 : -1;
      if (b === null) return order.nullsLast ? -1 : 1;
      return (a < b ? -1 : 1) * (order.desc ? -1 : 1);
    });
  }
  rows = rows.slice(parsed.offset, parsed.limit === undefined ? undefined : parsed.offset + parsed.limit);
  if (parsed.count) return { totalSize: rows.length, done: true, records: [] };
  const records = rows.map((record) => {
    const out: Record<string, unknown> = { attributes: attributes(record.type, record.fields.Id) };
    for (const path of parsed.select) {
      if (!path.via) {
        out[path.def.name] = record.fields[path.def.name] ?? null;
        continue;
      }
      const parent = org.get(record.fields[path.via.name]);
      if (!parent) {
        out[path.relationship!] = null;
        continue;
      }
      const nested = (out[path.relationship!] as Record<string, unknown> | undefined) ?? { attributes: attributes(parent.type, parent.fields.Id) };
      nested[path.def.name] = parent.fields[path.def.name] ?? null;
      out[path.relationship!] = nested;
    }
    return out;
  });
  return { totalSize: records.length, done: true, records };
};

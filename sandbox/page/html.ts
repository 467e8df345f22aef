/** Every value that reaches a page goes through `esc`; records are user data and may hold markup. */
export const esc = (value: unknown): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}h2{margin-top:2rem}
.muted{color:#777}.ok{color:#080}.bad{color:#b00}.banner{padding:.5rem;border:1px solid currentColor}.run{border-top:1px solid #ddd}form.inline{display:inline}button{margin:2px}code{background:#f6f6f6}`;

/** `body` must already be escaped HTML. */
export const page = (title: string, body: string, refreshSeconds?: number): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>` +
  (refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '') +
  `<style>${STYLE}</style></head><body>${body}</body></html>`;

/** A table of escaped cells; `rows` of plain values, each already a cell's text or `{ html }` for trusted markup. */
export type Cell = unknown | { html: string };
const cell = (value: Cell): string =>
  typeof value === 'object' && value !== null && 'html' in value ? String((value as { html: string }).html) : esc(value);

export const table = (headers: string[], rows: Cell[][]): string =>
  rows.length === 0
    ? '<p class="muted">none</p>'
    : `<table><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>` +
      rows.map((row) => `<tr>${row.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('') +
      '</table>';

/** A record shown as name/value rows: the tiny per-record pages each CRM's web app link opens. */
export const recordPage = (title: string, record: Record<string, unknown>): string =>
  page(
    title,
    `<h1>${esc(title)}</h1>` +
      table(
        ['Field', 'Value'],
        Object.entries(record).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v]),
      ) +
      '<p><a href="/">Sandbox state</a></p>',
  );

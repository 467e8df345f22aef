import { esc, table } from './html';

/** The zap's part of the sandbox page: whether it listens, and each delivery's run, newest first. */

/** One step of a run, as Zapier's run history shows it. */
export type ZapStepView = { crm: string; step: string; ok: boolean; summary: string; input: Record<string, unknown>; output?: Record<string, unknown>; error?: string };

/** One delivery's run of the zap. */
export type ZapRunView = {
  number: number;
  time: string;
  eventType?: string;
  bookingId?: string;
  /** The delivery's `Oncehub-Signature` header: how the page ties a run to the delivery it came from. */
  signature?: string;
  record?: { event: string; booking_id: string; status: string };
  skipped?: string;
  steps: ZapStepView[];
};

/** What the page reads from a live zap (`sandbox/zapier/live.ts` is one). */
export interface ZapView {
  readonly listening: boolean;
  readonly hookUrl: string;
  runs(): readonly ZapRunView[];
}

/** A value as one short line: the page shows what a step was given, not a dump. */
export const shortValue = (value: unknown, max = 120): string => {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Mapped fields left empty are not shown, as Zapier's run history leaves them out. */
const fieldLines = (values: Record<string, unknown> | undefined): string =>
  Object.entries(values ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `<code>${esc(key)}</code> ${esc(shortValue(value))}`)
    .join('<br>');

/** Record links a step's output carries (`url`, `contact_url`): the records it touched. */
const touched = (output: Record<string, unknown> | undefined): string =>
  (
    [
      ['url', String(output?.object_type ?? 'record'), 'id'],
      ['contact_url', 'contact', 'contact_id'],
    ] as const
  )
    .filter(([key]) => typeof output?.[key] === 'string' && String(output[key]).startsWith('http'))
    .map(([key, label, id]) => `<a href="${esc(output![key])}">${esc(label)} ${esc(output?.[id] ?? '')}</a>`)
    .join('<br>');

const runBlock = (run: ZapRunView): string => {
  const trigger = run.record
    ? `<span class="ok">✓</span> New Booking: ${esc(run.record.event)} ${esc(run.record.booking_id)} → status ${esc(run.record.status)}`
    : `<span class="muted">New Booking did not continue: ${esc(run.skipped ?? 'no record')}</span>`;
  const steps = run.steps.map((step) => [
    step.crm,
    step.step,
    { html: step.ok ? '<span class="ok">✓</span>' : '<span class="bad">✗</span>' },
    { html: fieldLines(step.input) },
    { html: step.ok ? `${esc(step.summary)}<details><summary>output</summary>${fieldLines(step.output)}</details>` : `<span class="bad">${esc(step.error)}</span>` },
    { html: touched(step.output) },
  ]);
  return (
    `<div class="run" data-run="${run.number}"><h3>Run ${run.number} · ${esc(run.time)} · ${esc(run.eventType ?? 'delivery')} ${esc(run.bookingId ?? '')}</h3>` +
    `<p>${trigger}${run.record && run.skipped ? ` <span class="muted">(${esc(run.skipped)})</span>` : ''}</p>` +
    (steps.length ? table(['CRM', 'Step', '', 'Input', 'Output or error', 'Records'], steps) : '') +
    '</div>'
  );
};

export const zapBanner = (zap: ZapView | undefined): string =>
  zap?.listening
    ? `<p class="banner ok" id="zap-status">Zap listening at <code>${esc(zap.hookUrl)}</code>: each booking made or changed below runs New Booking → Create or Update Contact → Apply Tag → Create or Update Activity Event → Create or Update Note (→ Add Contact to Campaign, Create or Update Case) on Keap and Salesforce.</p>`
    : '<p class="banner bad" id="zap-status">Zap not listening: bookings made here are delivered, but no zap runs them. Run <code>npm start</code> for a live zap.</p>';

export const zapSection = (zap: ZapView | undefined): string => {
  if (!zap) return '';
  const runs = [...zap.runs()].reverse();
  return `<h2>Zap runs</h2>${runs.length ? runs.map(runBlock).join('') : '<p class="muted">none yet</p>'}`;
};

/** What the zap made of a delivery, found by the signature it carried. */
export const zapVerdict = (zap: ZapView | undefined, signature: string): string => {
  const run = zap?.runs().find((candidate) => candidate.signature === signature);
  if (!run) return zap ? 'signed; no zap run' : 'signed';
  return run.record ? `signed; verified by the zap (run ${run.number})` : `signed; the zap did not run it (run ${run.number})`;
};

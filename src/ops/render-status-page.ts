import { escapeHtml, stripNonXmlChars } from '../domain/xml-text.js';
import type { StatusReport } from './status-report.js';
import { isUnhealthy, type SourceHealthStatus } from './sources/source-health.js';

/** The flag a source's row carries, by its health (none when it is ok or was never polled). */
const HEALTH_FLAGS: Record<SourceHealthStatus, string | undefined> = {
  gone: 'GONE',
  failing: 'FAILING',
  'items-failing': 'ITEMS FAILING',
  paused: 'PAUSED',
  'never-polled': undefined,
  ok: undefined,
};

/** How often the page reloads itself. */
export const STATUS_REFRESH_SECONDS = 15;

/** Where the page links and posts: the queue dashboard, and the retry of one failed job. */
export interface StatusPageLinks {
  dashboard: string;
  retry: (queue: string, jobId: string) => string;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:16px;color:#222}h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #ddd;vertical-align:top}th{background:#f4f4f4}
.bad td{background:#fde8e8}.warn td{background:#fff4d6}.flag{font-weight:bold;color:#a00}.num{text-align:right}.muted{color:#777}
.reason{max-width:40em;overflow-wrap:anywhere}form{margin:0}button{font:inherit}`;

/**
 * Renders the operators' status page: server-side HTML, small, no script, reloading itself —
 * failing sources, stale channels, backed-up queues and the latest failures first in the eye,
 * each failure with a retry button (a plain form post). Every value is escaped.
 */
export function renderStatusPage(report: StatusReport, links: StatusPageLinks): string {
  const failing = report.sources.filter((source) => isUnhealthy(source.health)).length;
  const stale = report.channels.filter((channel) => channel.stale).length;
  const summary = [
    failing > 0 ? `<span class="flag">${failing} failing source${failing > 1 ? 's' : ''}</span>` : 'all sources healthy',
    stale > 0 ? `<span class="flag">${stale} stale channel${stale > 1 ? 's' : ''}</span>` : 'no stale channel',
    `${report.failures.length} recent failed job${report.failures.length === 1 ? '' : 's'}`,
  ].join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="refresh" content="${STATUS_REFRESH_SECONDS}"><title>Syndicator status</title><style>${STYLE}</style></head>
<body><h1>Syndicator status</h1>
<p>${summary}. <span class="muted">As of ${new Date(report.at).toISOString()}; reloads every ${STATUS_REFRESH_SECONDS} s.</span> <a href="${escapeHtml(links.dashboard)}">Queue dashboard</a></p>
${sourcesTable(report)}
${channelsTable(report)}
${queuesTable(report)}
${failuresTable(report, links)}
</body></html>
`;
}

function sourcesTable(report: StatusReport): string {
  const rows = report.sources.map((source) => {
    const { state, health } = source;
    const flag = HEALTH_FLAGS[health.status];
    const reasons = health.reasons.map((reason) => `<div>${text(reason)}</div>`).join('');
    return `<tr class="${isUnhealthy(health) ? 'bad' : health.status === 'paused' ? 'warn' : ''}" data-source="${text(source.id)}"><td>${text(source.id)}<br><span class="muted">${text(source.name)}</span></td><td>${text(source.kind)}</td>
<td>${flag ? `<span class="flag">${flag}</span> ` : ''}${text(state.lastStatus ?? 'never fetched')}</td><td>${ago(state.lastSuccessAt, report.at)}</td>
<td class="reason">${reasons}</td><td class="num">${state.errorCount}</td>
<td>${state.nextPollAt ? text(state.nextPollAt) : '-'}</td><td class="num">${source.itemsLastDay}</td></tr>`;
  });
  return table('Sources', ['source', 'kind', 'last status', 'last success', 'why', 'error streak', 'next poll', 'items 24 h'], rows);
}

function channelsTable(report: StatusReport): string {
  const rows = report.channels.map(
    (
      channel,
    ) => `<tr class="${channel.stale ? 'warn' : ''}" data-channel="${text(channel.id)}"><td>${text(channel.id)} <span class="muted">${text(channel.name)}</span></td>
<td>${channel.stale ? '<span class="flag">STALE</span> ' : ''}${channel.newestMs === undefined ? 'no article yet' : ago(channel.newestMs, report.at)}</td>
<td class="num">${channel.itemsLastDay}</td><td>${duration(channel.staleAfterMs / 1000)}</td></tr>`,
  );
  return table('Channels', ['channel', 'newest article', 'items 24 h', 'stale after'], rows);
}

function queuesTable(report: StatusReport): string {
  const rows = report.queues.map(
    (
      queue,
    ) => `<tr class="${queue.failed > 0 ? 'warn' : ''}" data-queue="${text(queue.name)}"><td>${text(queue.name)}</td><td class="num">${queue.waiting}</td>
<td class="num">${queue.active}</td><td class="num">${queue.delayed}</td><td class="num">${queue.failed}</td><td>${queue.waiting > 0 ? duration(queue.oldestWaitingSeconds) : '-'}</td></tr>`,
  );
  return table('Queues', ['queue', 'waiting', 'active', 'delayed', 'failed', 'oldest waiting'], rows);
}

function failuresTable(report: StatusReport, links: StatusPageLinks): string {
  const rows = report.failures.map(
    (
      job,
    ) => `<tr data-job="${text(`${job.queue}:${job.id}`)}"><td>${job.failedAt === undefined ? '-' : ago(job.failedAt, report.at)}</td><td>${text(job.queue)}</td>
<td>${text(job.name)} <span class="muted">#${text(job.id)}</span></td><td>${text(job.subject)}</td><td class="reason">${text(job.reason)}</td><td class="num">${job.attempts}</td>
<td><form method="post" action="${escapeHtml(links.retry(job.queue, job.id))}"><button type="submit">Retry</button></form></td></tr>`,
  );
  return table('Latest failures', ['failed', 'queue', 'job', 'for', 'reason', 'attempts', ''], rows, 'No failed jobs.');
}

function table(title: string, header: readonly string[], rows: readonly string[], empty = 'Nothing configured.'): string {
  const body = rows.length > 0 ? rows.join('\n') : `<tr><td colspan="${header.length}" class="muted">${empty}</td></tr>`;
  return `<h2>${title}</h2><table><thead><tr>${header.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table>`;
}

function text(value: string): string {
  return escapeHtml(stripNonXmlChars(value));
}

/** `3 min ago` from an ISO time or ms, `-` without one. */
function ago(at: string | number | undefined, now: number): string {
  if (at === undefined) return '-';
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return '-';
  return `${duration(Math.max(0, (now - ms) / 1000))} ago`;
}

/** A duration in the largest unit that fits: `45 s`, `12 min`, `3.5 h`, `2.0 d`. */
function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { crossSite } from './cross-site.js';
import { DASHBOARD_PATH } from './dashboard.js';
import { renderStatusPage } from './render-status-page.js';
import { readStatusReport, type StatusReportDeps } from './status-report.js';

/** The path of the operators' status page. */
export const STATUS_PAGE_PATH = '/admin';

const retryPath = (queue: string, jobId: string) =>
  `${STATUS_PAGE_PATH}/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(jobId)}/retry`;

/**
 * `GET /admin`: the status page (admin routes only: register it inside registerAdminRoutes).
 * `POST /admin/jobs/{queue}/{id}/retry`: retries a failed job and goes back to the page (303).
 * A browser sends saved Basic credentials with a form posted from any site, so a post from
 * another origin is refused (Origin, or Sec-Fetch-Site, must say it came from this page).
 */
export function registerStatusPage(app: FastifyInstance, deps: StatusReportDeps): void {
  const queues = new Map<string, Queue>(deps.queues.map((queue) => [queue.name, queue]));
  // The retry button is a plain HTML form: its (empty) urlencoded body is accepted and not read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => {
    done(null, undefined);
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(STATUS_PAGE_PATH, async (_request, reply) => {
    const report = await readStatusReport(deps);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderStatusPage(report, { dashboard: DASHBOARD_PATH, retry: retryPath }));
  });
  const params = z.object({ queue: z.string(), id: z.string().min(1).max(200) });
  typed.post(`${STATUS_PAGE_PATH}/jobs/:queue/:id/retry`, { schema: { params } }, async (request, reply) => {
    if (crossSite(request))
      return reply.code(403).send({ error: 'forbidden', message: 'a retry must be posted from the status page itself' });
    const queue = queues.get(request.params.queue);
    if (!queue) return reply.code(404).send({ error: 'not_found', message: `no queue "${request.params.queue}"` });
    const job = await queue.getJob(request.params.id);
    if (!job) return reply.code(404).send({ error: 'not_found', message: `no job ${request.params.id} in ${queue.name}` });
    if (!(await job.isFailed())) return reply.code(409).send({ error: 'conflict', message: `job ${request.params.id} has not failed` });
    await job.retry('failed');
    return reply.code(303).header('location', STATUS_PAGE_PATH).send();
  });
}

import type { FastifyRequest } from 'fastify';

/**
 * Whether a state-changing request came from another site's page: a browser sends saved Basic
 * credentials with a form posted from anywhere, so admin routes that change state refuse such posts
 * (Sec-Fetch-Site, else Origin, must say the request came from this site; a client without either is no browser page).
 */
export function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

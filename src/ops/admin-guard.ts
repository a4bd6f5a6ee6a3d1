import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Paths only operators should reach: the queue dashboard and the sources' states. */
const ADMIN_PATHS = /^\/(admin(\/|$)|api\/sources)/;

/**
 * Requires the admin token on the operator paths: `Authorization: Bearer <token>`, or Basic
 * with any user and the token as password (so a browser can open the dashboard). Without a
 * configured token the paths stay open, for a machine of one's own.
 */
export function registerAdminGuard(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  const expected = digest(token);
  app.addHook('onRequest', async (request, reply) => {
    if (!ADMIN_PATHS.test(request.url)) return;
    const given = presentedToken(request.headers.authorization);
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return;
    return reply
      .code(401)
      .header('www-authenticate', 'Basic realm="syndicator admin"')
      .send({ error: 'unauthorized', message: 'the admin pages need the admin token (SYNDICATOR_ADMIN_TOKEN)' });
  });
}

function presentedToken(authorization: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

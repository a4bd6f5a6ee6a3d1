import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { secretsEqual } from '../domain/sha256.js';

/**
 * Registers the operator routes (the queue dashboard, the sources' states) inside one
 * encapsulated Fastify plugin whose `onRequest` hook asks for the admin token. The check is
 * attached to the routes themselves, not to a pattern over the raw URL: whatever spelling of a
 * path the router decodes to an admin route (`/%61dmin/queues`), the hook runs first.
 *
 * The token is `Authorization: Bearer <token>`, or Basic with any user and the token as
 * password (so a browser can open the dashboard). There is always a token: admin routes are
 * never open (see app/admin-token.ts), and it is compared in constant time.
 */
export async function registerAdminRoutes(
  app: FastifyInstance,
  token: string,
  registerRoutes: (admin: FastifyInstance) => Promise<void> | void,
): Promise<void> {
  if (!token) throw new Error('admin routes need a token');
  await app.register(async (admin) => {
    admin.addHook('onRequest', requireToken(token));
    await registerRoutes(admin);
  });
}

/** Returns an `onRequest` hook that answers 401 unless the request presents `token`. */
export function requireToken(token: string): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const given = presentedToken(request.headers.authorization);
    if (given !== undefined && secretsEqual(given, token)) return;
    return reply.code(401).header('www-authenticate', 'Basic realm="syndicator admin"').send({
      error: 'unauthorized',
      message: 'the admin pages need the admin token (SYNDICATOR_ADMIN_TOKEN, or the one in data/admin-token)',
    });
  };
}

function presentedToken(authorization: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

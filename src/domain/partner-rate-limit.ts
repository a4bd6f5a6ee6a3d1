import type { FastifyRequest } from 'fastify';
import type { Partner } from './partner.js';

/**
 * The per-route @fastify/rate-limit settings that count each partner's requests against its
 * configured rate (`rate.max` per `rate.perMs`), once `partnerOf` can name the partner.
 */
export function partnerRateLimit(partnerOf: (request: FastifyRequest) => Partner, hook: 'preValidation' | 'preHandler') {
  return {
    hook,
    keyGenerator: (request: FastifyRequest) => partnerOf(request).id,
    max: (request: FastifyRequest) => partnerOf(request).rate.max,
    timeWindow: (request: FastifyRequest) => partnerOf(request).rate.perMs,
  };
}

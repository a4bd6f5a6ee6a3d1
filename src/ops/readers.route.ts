import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READER_ID } from '../domain/reader-event.js';
import type { ReaderActivityRepository } from '../store/reader-activity-repository.js';

/**
 * `DELETE /api/readers/{id}` (admin token): removes everything kept about one reader — what they
 * read and their flood counter — and answers how many keys went (0 for a reader never seen).
 */
export function registerReaderRoutes(app: FastifyInstance, activity: Pick<ReaderActivityRepository, 'deleteReader'>): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .delete(
      '/api/readers/:id',
      { schema: { params: z.object({ id: z.string().regex(READER_ID, 'a reader id is 1 to 128 letters, digits, - or _') }) } },
      async (request) => ({
        reader: request.params.id,
        deletedKeys: await activity.deleteReader(request.params.id),
      }),
    );
}

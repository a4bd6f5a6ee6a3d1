import { UnrecoverableError } from 'bullmq';
import type { FetchFailure } from '../../domain/fetch-outcome.js';
import { FetchError } from './fetch/fetch-error.js';

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The kind of a failed fetch: the fetch error's own (also when wrapped), or a document that could not be read. */
export function failureOf(error: unknown): FetchFailure {
  if (error instanceof FetchError) return error.kind;
  if (error instanceof Error && error.cause !== undefined) return failureOf(error.cause);
  return 'parse-error';
}

/** A failure BullMQ must not retry, still carrying the error it came from. */
export function unrecoverable(message: string, cause: unknown): UnrecoverableError {
  return Object.assign(new UnrecoverableError(message), { cause });
}

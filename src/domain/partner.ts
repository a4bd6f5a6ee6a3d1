import { secretsEqual } from './sha256.js';

/** A partner site: it pushes articles and pulls feeds with its API key, within its rate. */
export interface Partner {
  id: string;
  name: string;
  key: string;
  push: boolean;
  channels: string[];
  rate: { max: number; perMs: number };
}

/**
 * Returns the partner whose key this is, or undefined. Keys are compared as SHA-256 digests in
 * constant time, so response timing says nothing about a key.
 */
export function findPartnerByKey(key: string, partners: readonly Partner[]): Partner | undefined {
  return partners.find((candidate) => secretsEqual(key, candidate.key));
}

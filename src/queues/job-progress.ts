/**
 * Told how a batch of awaited jobs goes: once with their number when they are queued, then once
 * per job as it settles, with what came of it (a verdict, `completed`, `failed`…).
 */
export interface JobProgress<Outcome extends string = string> {
  start(total: number): void;
  settle(outcome: Outcome): void;
}

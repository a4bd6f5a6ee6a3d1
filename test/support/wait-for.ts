/**
 * Waits until `check` holds, asking again every `intervalMs`; throws naming `what` when it
 * still does not after `timeoutMs`. Tests wait on conditions like this, never on fixed sleeps.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 50, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}

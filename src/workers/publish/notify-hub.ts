import type { Logger } from 'pino';

/** How long one ping may take; a slow hub must not hold up publishing for long. */
const PING_TIMEOUT_MS = 5_000;

/**
 * Tells a WebSub hub that feeds changed: one form-encoded POST per feed URL with
 * `hub.mode=publish` and `hub.url` (the PubSubHubbub convention; WebSub §6 leaves the publish
 * request to the hub, and newer hubs read `hub.topic`, so it is sent too). A failed ping is
 * logged and not retried: the feed is already current, and subscribers' hubs poll as a fallback.
 */
export async function notifyHub(hubUrl: string, topicUrls: readonly string[], log: Logger): Promise<void> {
  await Promise.all(topicUrls.map((topicUrl) => pingOnce(hubUrl, topicUrl, log)));
}

async function pingOnce(hubUrl: string, topicUrl: string, log: Logger): Promise<void> {
  try {
    const response = await fetch(hubUrl, {
      method: 'POST',
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topicUrl, 'hub.topic': topicUrl }),
      signal: AbortSignal.timeout(PING_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) log.warn({ stage: 'publish', hub: hubUrl, topic: topicUrl, status: response.status }, 'hub refused ping');
  } catch (error) {
    log.warn({ stage: 'publish', hub: hubUrl, topic: topicUrl, err: error }, 'hub ping failed');
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One ping a publisher sent: the form fields of its POST. */
export interface HubPing {
  mode: string | null;
  url: string | null;
  topic: string | null;
  contentType: string | undefined;
}

/** A WebSub hub stand-in on 127.0.0.1 that records every form POST and answers 204. */
export interface HubStub {
  url: string;
  pings: HubPing[];
  close(): Promise<void>;
}

/** Starts a hub stub on a free port. */
export async function startHubStub(): Promise<HubStub> {
  const pings: HubPing[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (request.method === 'POST') {
        pings.push({
          mode: form.get('hub.mode'),
          url: form.get('hub.url'),
          topic: form.get('hub.topic'),
          contentType: request.headers['content-type'],
        });
      }
      response.writeHead(request.method === 'POST' ? 204 : 405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub`,
    pings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

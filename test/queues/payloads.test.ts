import { describe, expect, it } from 'vitest';
import { parsePayload, processPayloadSchema } from '../../src/queues/payloads.js';

const payload = (item: Record<string, unknown>) => ({
  source: { id: 'yybnet', name: '地方网', channels: [] },
  item: { authors: [], categories: [], images: [], placeHints: [], title: '标题', ...item },
  fetchedAt: '2024-03-12T09:15:00+08:00',
});

describe('processPayloadSchema', () => {
  it('reads bylines as found and writers with their roles', () => {
    const parsed = parsePayload(processPayloadSchema, payload({ authors: ['记者 张伟', { name: '李娜', role: '通讯员' }] }), 'process');
    expect(parsed.item.authors).toEqual(['记者 张伟', { name: '李娜', role: '通讯员' }]);
  });

  it('reads the one editor of a job enqueued before editors as a list of one', () => {
    expect(parsePayload(processPayloadSchema, payload({ editor: '孙静' }), 'process').item).toMatchObject({ editors: ['孙静'] });
    expect(parsePayload(processPayloadSchema, payload({ editor: '孙静', editors: ['汤诗瑶', '丁涛'] }), 'process').item.editors).toEqual([
      '汤诗瑶',
      '丁涛',
    ]);
    expect(parsePayload(processPayloadSchema, payload({}), 'process').item).not.toHaveProperty('editor');
  });

  it('refuses a writer with an unknown role', () => {
    expect(() => parsePayload(processPayloadSchema, payload({ authors: [{ name: '李娜', role: '编辑' }] }), 'process')).toThrow(
      /process: invalid job payload at item\.authors\.0/,
    );
  });
});

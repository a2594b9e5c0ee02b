// One MJPEG viewer of the virtual camera, against a stand-in response: the part format,
// nbrofframes and duration ending with the closing boundary, skipping whole frames while
// the socket has not drained, and dropping a viewer stalled for more than 10 s.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { expect, test } from '@playwright/test';
import { MjpegClient, mjpegPart, STALL_MS } from '../../../rigs/virtual-camera/video/stream-client.ts';

class FakeResponse extends EventEmitter {
  writableNeedDrain = false;
  destroyed = false;
  written: Buffer[] = [];
  ended: Buffer | undefined;
  write(b: Buffer): boolean {
    this.written.push(b);
    return !this.writableNeedDrain;
  }
  end(b: Buffer): void {
    this.ended = b;
    this.emit('close');
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

function viewer(limits: { frames?: number; durationMs?: number } = {}) {
  const res = new FakeResponse();
  const gone: MjpegClient[] = [];
  const client = new MjpegClient(res as unknown as ServerResponse, limits, (c) => gone.push(c));
  return { res, client, gone };
}

const jpeg = Buffer.from([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);

test('a part is boundary, headers with the exact length, the JPEG and CRLF', () => {
  expect(mjpegPart(jpeg).toString('latin1')).toBe(`--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: 7\r\n\r\n${jpeg.toString('latin1')}\r\n`);
});

test('nbrofframes: after N parts the closing boundary, and the viewer leaves once', () => {
  const { res, client, gone } = viewer({ frames: 2 });
  for (let i = 0; i < 4; i++) client.offer(mjpegPart(jpeg));
  expect(res.written).toHaveLength(2);
  expect(res.ended?.toString()).toBe('--myboundary--\r\n');
  expect(client.stats).toMatchObject({ sent: 2, ended: 'limit' });
  expect(gone).toHaveLength(1);
});

test('duration: the stream ends cleanly when the time is up', async () => {
  const { res, client, gone } = viewer({ durationMs: 50 });
  client.offer(mjpegPart(jpeg));
  await expect.poll(() => gone.length, { timeout: 2000 }).toBe(1);
  expect(res.ended?.toString()).toBe('--myboundary--\r\n');
  expect(client.stats.ended).toBe('limit');
});

test('a viewer whose socket has not drained skips whole frames, then catches up', () => {
  const { res, client } = viewer();
  client.offer(mjpegPart(jpeg), 0);
  res.writableNeedDrain = true;
  client.offer(mjpegPart(jpeg), 33);
  client.offer(mjpegPart(jpeg), 66);
  expect(client.stats).toMatchObject({ sent: 1, skipped: 2 });
  res.writableNeedDrain = false;
  res.emit('drain');
  client.offer(mjpegPart(jpeg), 100);
  expect(client.stats).toMatchObject({ sent: 2, skipped: 2 });
  expect(client.done).toBe(false);
});

test('a viewer stalled for more than 10 s is dropped; one that drains in time is kept', () => {
  const stuck = viewer();
  stuck.res.writableNeedDrain = true;
  stuck.client.offer(mjpegPart(jpeg), 1000);
  stuck.client.offer(mjpegPart(jpeg), 1000 + STALL_MS);
  expect(stuck.client.done).toBe(false);
  stuck.client.offer(mjpegPart(jpeg), 1001 + STALL_MS);
  expect(stuck.res.destroyed).toBe(true);
  expect(stuck.client.stats.ended).toBe('stalled');
  expect(stuck.gone).toHaveLength(1);

  const slow = viewer();
  slow.res.writableNeedDrain = true;
  slow.client.offer(mjpegPart(jpeg), 0);
  slow.res.writableNeedDrain = false;
  slow.res.emit('drain');
  slow.res.writableNeedDrain = true;
  slow.client.offer(mjpegPart(jpeg), STALL_MS + 5000); // blocked again, but only just now
  expect(slow.client.done).toBe(false);
});

test('a viewer that disconnects leaves and gets nothing more', () => {
  const { res, client, gone } = viewer();
  res.emit('close');
  client.offer(mjpegPart(jpeg));
  expect(res.written).toHaveLength(0);
  expect(client.stats.ended).toBe('closed');
  expect(gone).toHaveLength(1);
});

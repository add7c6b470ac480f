// Real sockets against the real server (the chaos config's faults server): a slowloris client that
// drips its headers is cut off by the headers timeout, and oversized headers are refused with 431.
import { connect, type Socket } from 'node:net';
import { recordFigure } from './chaos-figures';
import { expect, test } from '../support/test';

const port = Number(process.env.CHAOS_PORT ?? 4570);

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

test('a client dripping its headers is disconnected by the headers timeout', async () => {
  test.setTimeout(40_000);
  const socket = await open();
  const started = Date.now();
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  socket.write('GET /api/v4/leads HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const drip = setInterval(() => {
    if (!socket.destroyed) socket.write(`X-Slow-${Date.now()}: 1\r\n`);
  }, 1000);
  const after = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 30_000))]);
  clearInterval(drip);
  socket.destroy();
  recordFigure({
    area: 'proxy',
    source: 'slowloris client (real socket, headers timeout)',
    tried: 1,
    bad: after < 0 ? 1 : 0,
    note: after < 0 ? 'still open after 30 s' : `cut after ${Math.round(after / 1000)} s`,
  });
  expect(after, 'the server closed the dripping connection').toBeGreaterThan(0);
  expect(after).toBeLessThan(20_000);
  expect(received).not.toMatch(/HTTP\/1\.1 200/);
});

test('oversized request headers are refused with 431, and a token-looking header is not echoed', async () => {
  const socket = await open();
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(`GET /api/v4/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer client-secret-xyz\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
  socket.destroy();
  const refused = /^HTTP\/1\.1 431/.test(received) || received === '';
  recordFigure({ area: 'proxy', source: 'oversized headers (20 KB, real socket)', tried: 1, bad: refused ? 0 : 1 });
  expect(refused, received.slice(0, 200)).toBe(true);
  expect(received).not.toContain('client-secret-xyz');
});

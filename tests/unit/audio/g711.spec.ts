// The harness's mu-law codec against ffmpeg (an independent implementation), and the
// virtual camera's encoder against the harness's decoder: each side is checked by code it
// does not share.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { mulawLevel, mulawToPcm, pcmSampleToMulaw, pcmToMulaw } from '../../../lib/media/g711.ts';
import { encodeSample as cameraEncode } from '../../../rigs/virtual-camera/audio/mulaw.ts';

const FFMPEG = '/usr/bin/ffmpeg';

/** Runs ffmpeg on stdin bytes and returns stdout, killing it after 10 s. */
function ffmpeg(args: string[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = spawn(FFMPEG, ['-v', 'error', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
    p.stdout.on('data', (c: Buffer) => out.push(c));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`ffmpeg exited with ${code}: ${err.slice(0, 300)}`));
    });
    p.stdin.end(input);
  });
}

test('decodes every code exactly as ffmpeg does', async () => {
  test.skip(!existsSync(FFMPEG), `${FFMPEG} is not installed: no independent reference decoder`);
  const codes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const raw = await ffmpeg(['-f', 'mulaw', '-ar', '8000', '-ac', '1', '-i', 'pipe:0', '-f', 's16le', 'pipe:1'], codes);
  expect(raw.length).toBe(512);
  const ours = mulawToPcm(codes);
  const mismatches = [...ours].flatMap((v, i) => (v === raw.readInt16LE(2 * i) ? [] : [`0x${i.toString(16)}: ${v} vs ${raw.readInt16LE(2 * i)}`]));
  expect(mismatches).toEqual([]);
});

test('decodes the fixed points of the standard', () => {
  expect(mulawLevel(0xff)).toBe(0);
  expect(mulawLevel(0x7f)).toBe(0);
  expect(mulawLevel(0x80)).toBe(32124);
  expect(mulawLevel(0x00)).toBe(-32124);
  expect(mulawLevel(0xfe)).toBe(8); // smallest positive step
  expect(mulawLevel(0xef)).toBe(132); // first step of segment 1
  expect(() => mulawLevel(256)).toThrow(/not a byte/);
});

test('harness encoder: every code survives a round trip, every sample goes to its nearest level', () => {
  for (let c = 0; c < 256; c++) expect(pcmSampleToMulaw(mulawLevel(c))).toBe(c === 0x7f ? 0xff : c);
  const levels = [...mulawToPcm(Buffer.from(Array.from({ length: 256 }, (_, i) => i)))];
  let worst = 0;
  for (let v = -32768; v <= 32767; v++) {
    const got = Math.abs(mulawLevel(pcmSampleToMulaw(v)) - v);
    const best = Math.min(...levels.map((l) => Math.abs(l - v)));
    if (got !== best) throw new Error(`${v}: encoded error ${got}, nearest level is ${best} away`);
    worst = Math.max(worst, got);
  }
  expect(worst).toBeGreaterThan(600); // the clipped extremes: 32768 - 32124
  expect(pcmToMulaw([1e9, -1e9])).toEqual(Buffer.from([0x80, 0x00]));
});

test('camera encoder: decoded by the harness, every sample is within half a step of the input', () => {
  for (let v = -32768; v <= 32767; v++) {
    const code = cameraEncode(v);
    const decoded = mulawLevel(code);
    const segment = ((code ^ 0xff) >> 4) & 7;
    const halfStep = 4 << segment; // step of segment s is 2^(s+3) in 16-bit units
    const target = Math.max(-32635, Math.min(32635, v)); // the encoder clips here (G.711)
    if (Math.abs(decoded - target) > halfStep) throw new Error(`${v}: code 0x${code.toString(16)} decodes to ${decoded}`);
  }
  // Silence is sent as 0xff, as every G.711 encoder does.
  expect(cameraEncode(0)).toBe(0xff);
});

test('camera encoder agrees with ffmpeg on at least 98 % of 16-bit values, off by one step elsewhere', async () => {
  test.skip(!existsSync(FFMPEG), `${FFMPEG} is not installed: no independent reference encoder`);
  const pcm = Buffer.alloc(65536 * 2);
  for (let i = 0; i < 65536; i++) pcm.writeInt16LE(i - 32768, 2 * i);
  const theirs = await ffmpeg(['-f', 's16le', '-ar', '8000', '-ac', '1', '-i', 'pipe:0', '-f', 'mulaw', 'pipe:1'], pcm);
  expect(theirs.length).toBe(65536);
  let same = 0;
  for (let i = 0; i < 65536; i++) {
    const ours = cameraEncode(i - 32768);
    if (ours === theirs[i]) same++;
    // Encoders differ only in where they put a decision level: never more than one step.
    else expect(Math.abs(mulawLevel(ours) - mulawLevel(theirs[i]))).toBeLessThanOrEqual(2 * (4 << (((ours ^ 0xff) >> 4) & 7)));
  }
  // Measured: 98.7 % (ffmpeg rounds in 14-bit units, so its decision levels sit a little apart).
  expect(same / 65536).toBeGreaterThan(0.98);
});

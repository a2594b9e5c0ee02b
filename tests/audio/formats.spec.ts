// Spec §7.1/7.2/7.5: the camera sends audio only in a type it offers (Properties.Audio.Format)
// and plays audio/basic sent to toSERVER.cgi. What it does with a type it does not play,
// and what it answers, the spec does not say: observed (lib/signoff/house-rules/audio.ts).
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import { captureTimedAudio } from '../../lib/camera/audio-stream.ts';
import { cameraErrorOf } from '../../lib/camera/index.ts';
import { pcmToMulaw } from '../../lib/media/g711.ts';
import { sineTone } from '../../lib/media/tone.ts';
import { requireMulaw } from './support.ts';

const AUDIO = pcmToMulaw(sineTone(440, -20, 1600)); // 0.2 s
const FORMAT_REFUSAL = '# Error: format audio/G726-32 is not supported: this camera sends audio/basic only (Properties.Audio.Format)\r\n';
const REFUSAL = /^# Error: Content-Type \S+ is (not supported by this camera|not an audio type the camera plays): send audio\/basic/;

test.describe('audio MIME types', () => {
  test.beforeAll(({ caps }) => requireMulaw(caps));

  // Bytes in a type the camera does not play are at worst noise on its speaker; 0.2 s of a
  // quiet tone at that.
  test('toSERVER.cgi and audio in a type it does not play', spec('7.5', 'toSERVER.cgi'), async ({ camera, caps, observe }) => {
    const offered = caps.audioFormats.map((f) => f.toLowerCase());
    const types = ['audio/G726-32', 'text/plain', 'application/octet-stream'].filter((t) => !offered.includes(t.toLowerCase()));
    for (const type of types) {
      await test.step(`POST toSERVER.cgi with Content-Type ${type}`, async () => {
        const res = await camera.client.post('/toSERVER.cgi', AUDIO, { contentType: type, expectStatus: 'any' });
        const first = res.redact(res.text).split(/\r?\n/)[0].slice(0, 120);
        const refused = res.status >= 400 || cameraErrorOf(res.text) !== undefined;
        observe(type === 'application/octet-stream' ? 'audio.toserver.octet-stream' : 'audio.toserver.unsupported', { expected: 'refused', observed: `HTTP ${res.status} ${first}`, holds: refused });
        if (refused) observe('audio.refusal.form', { expected: `HTTP 415 # Error: Content-Type ${type} is ...: send audio/basic`, observed: `HTTP ${res.status} ${first}`, holds: res.status === 415 && REFUSAL.test(res.text) });
      });
    }
  });

  test('fromserver.cgi never sends a type it does not advertise', spec('7.2', 'fromserver.cgi'), async ({ camera, caps, observe }) => {
    if (caps.audioFormats.some((f) => f.toLowerCase() === 'audio/g726-32')) skipBecause('the camera offers audio/G726-32: there is no type it does not advertise to ask for');
    const stream = await camera.client.stream('/fromserver.cgi', { format: 'audio/G726-32' }, { expectStatus: 'any', idleTimeoutMs: 5000 });
    try {
      let text = '';
      const type = stream.contentType.split(';')[0].trim().toLowerCase();
      const sentAudio = stream.status === 200 && (type.startsWith('audio/') || type.startsWith('multipart/'));
      if (sentAudio) {
        stream.close();
        // §7.1/7.3/7.4: a camera that ignores the parameter still sends a type it offers.
        const c = await captureTimedAudio(camera.audio, { bytes: 800, query: { format: 'audio/G726-32' } });
        expect(caps.audioFormats.map((f) => f.toLowerCase()), `fromserver.cgi?format=audio/G726-32 answered 200 with ${c.audioType}`).toContain(c.audioType);
        text = `${c.multipart ? 'multipart, parts ' : ''}${c.audioType}`;
      } else {
        for await (const c of stream.body) {
          text += (c as Buffer).toString();
          if (text.length > 4096) break;
        }
        // Not audio: a refusal, whatever its status; a 200 must then say so (§7.3: a 200
        // carries <audio MIME>, so anything else is the family's `# Error:` answer).
        if (stream.status < 300) expect(cameraErrorOf(text), `fromserver.cgi?format=audio/G726-32 answered ${stream.status} ${type}, neither audio nor # Error: ${JSON.stringify(text.slice(0, 80))}`).toBeDefined();
      }
      const answer = `HTTP ${stream.status} ${text.slice(0, 200).trim()}`;
      observe('audio.fromserver.format', { expected: 'refused', observed: answer, holds: !sentAudio });
      if (!sentAudio) observe('audio.refusal.form', { expected: `HTTP 406 ${FORMAT_REFUSAL.trim()}`, observed: answer, holds: stream.status === 406 && text === FORMAT_REFUSAL });
    } finally {
      stream.close();
    }
  });

  // A short quiet tone (0.2 s at -20 dBFS): harmless on a physical camera's speaker too.
  test('toSERVER.cgi takes audio/basic', spec('7.5', 'toSERVER.cgi', { severity: 'critical' }), async ({ camera, observe }) => {
    const t0 = performance.now();
    // §7.5 shows no answer: taken means a 2xx without a `# Error:` line.
    const res = await camera.client.post('/toSERVER.cgi', AUDIO, { contentType: 'audio/basic' });
    const ms = performance.now() - t0;
    expect(cameraErrorOf(res.text), `toSERVER.cgi answered HTTP ${res.status} ${res.text.slice(0, 120)}`).toBeUndefined();
    observe('audio.toserver.answer', {
      expected: 'OK after at least 150 ms',
      observed: `${JSON.stringify(res.text.slice(0, 40))} after ${ms.toFixed(0)} ms`,
      holds: res.text === 'OK\r\n' && ms > 150,
    });
  });
});

// Spec 7.1: the camera speaks the audio MIME types it advertises (Properties.Audio.Format)
// and refuses the others, in both directions. A physical camera may word its refusal
// differently; any 4xx is a refusal there. The virtual camera must answer exactly as
// documented (415 / 406 with a `# Error:` line).
import { test, expect } from '../../fixtures/index.ts';
import { pcmToMulaw } from '../../lib/media/g711.ts';
import { sineTone } from '../../lib/media/tone.ts';
import { requireMulaw } from './support.ts';

const AUDIO = pcmToMulaw(sineTone(440, -20, 1600)); // 0.2 s

test.describe('audio MIME types', () => {
  test.beforeEach(({ caps }) => requireMulaw(caps));

  test('toSERVER.cgi refuses audio in a type it does not play', async ({ camera, caps, target }) => {
    const offered = caps.audioFormats.map((f) => f.toLowerCase());
    const types = ['audio/G726-32', 'text/plain', 'application/octet-stream'].filter((t) => !offered.includes(t.toLowerCase()));
    for (const type of types) {
      await test.step(`POST toSERVER.cgi with Content-Type ${type}`, async () => {
        const res = await camera.client.post('/toSERVER.cgi', AUDIO, { contentType: type, expectStatus: 'any' });
        expect(res.status, `${type}: ${res.text.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        if (target.isVirtual) {
          expect(res.status).toBe(415);
          expect(res.text).toMatch(/^# Error: Content-Type \S+ is (not supported by this camera|not an audio type the camera plays): send audio\/basic/);
        }
      });
    }
  });

  test('fromserver.cgi never sends a type it does not advertise', async ({ camera, caps, target }) => {
    test.skip(caps.audioFormats.some((f) => f.toLowerCase() === 'audio/g726-32'), 'the camera offers audio/G726-32: nothing to refuse');
    const stream = await camera.client.stream('/fromserver.cgi', { format: 'audio/G726-32' }, { expectStatus: 'any', idleTimeoutMs: 5000 });
    try {
      if (stream.status === 200) {
        // A camera that ignores the parameter must still send what it advertises.
        expect(target.isVirtual, 'the virtual camera must refuse format=audio/G726-32').toBe(false);
        expect(stream.contentType.split(';')[0].trim().toLowerCase()).toBe('audio/basic');
      } else {
        expect(stream.status).toBeGreaterThanOrEqual(400);
        expect(stream.status).toBeLessThan(500);
        if (target.isVirtual) {
          expect(stream.status).toBe(406);
          let text = '';
          for await (const c of stream.body) text += (c as Buffer).toString();
          expect(text).toBe('# Error: format audio/G726-32 is not supported: this camera sends audio/basic only (Properties.Audio.Format)\r\n');
        }
      }
    } finally {
      stream.close();
    }
  });

  // A short quiet tone (0.2 s at -20 dBFS): harmless on a physical camera's speaker too.
  test('toSERVER.cgi plays audio/basic and answers OK', async ({ camera, target }) => {
    const t0 = performance.now();
    await camera.audio.send(AUDIO, 'audio/basic');
    // 0.2 s of audio cannot have been played in much less than 0.2 s.
    if (target.isVirtual) expect(performance.now() - t0).toBeGreaterThan(150);
  });
});

// toSERVER.cgi (spec §7.5): audio for the camera's speaker. POST with
// `Content-Type: audio/basic` (G.711 mu-law, 8 kHz, mono) and a body of any length, sent
// with Content-Length or chunked. No parameters (the spec: "no valid parameters").
//
// The speaker plays in real time: bytes are decoded onto the room's timeline at most
// SPEAKER_AHEAD_MAX ahead of now; beyond that the request is paused, so TCP slows a client
// that sends faster than 8000 bytes/s. The answer (`OK`) comes when the last sample has
// been played. One talker at a time: a second request while one plays gets 409.
// Operator or better: making the camera speak is a control action, like PTZ or outputs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { AUDIO_MIME, checkAudio, KNOWN_MIMES } from './guard.ts';
import { decode } from './mulaw.ts';
import { playedOf, type PlayedRecord } from './played.ts';
import { roomOf, SAMPLE_RATE, SPEAKER_AHEAD_MAX, type Room } from './room.ts';

/** No byte for this long (while we are not the ones holding the client back): give up. */
const IDLE_MS = 10_000;
/** How often a paused upload checks whether the speaker has room again. */
const PUMP_MS = 50;

const talking = new WeakSet<VirtualCameraState>();

function checkContentType(header: string | undefined): void {
  const sent = (header ?? '').split(';')[0].trim();
  const type = sent.toLowerCase(); // MIME types are case-insensitive (RFC 2045)
  if (type === AUDIO_MIME) return;
  if (type === '') throw new CgiError(`toSERVER.cgi needs Content-Type: ${AUDIO_MIME} (G.711 mu-law, 8 kHz)`, 415);
  const why = KNOWN_MIMES.includes(type) ? 'is not supported by this camera' : 'is not an audio type the camera plays';
  throw new CgiError(`Content-Type ${sent.slice(0, 60)} ${why}: send ${AUDIO_MIME} (G.711 mu-law, 8 kHz)`, 415);
}

async function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  checkAudio(cam, 'speaker');
  onlyKnown(req.query, []);
  checkContentType(req.headers['content-type']);
  if (talking.has(cam)) throw new CgiError('the speaker is busy: another client is sending audio (toSERVER.cgi)', 409);
  talking.add(cam);
  const record = playedOf(cam);
  record.begin();
  try {
    const played = await play(req.raw, roomOf(cam), record);
    if (played === 0) throw new CgiError('toSERVER.cgi received no audio data');
  } finally {
    record.playing = false;
    talking.delete(cam);
  }
  sendOk(res);
}

/** Feeds the body to the speaker in real time; resolves with the byte count once played. */
function play(raw: IncomingMessage, room: Room, record: PlayedRecord): Promise<number> {
  return new Promise((resolve, reject) => {
    const pending: Buffer[] = [];
    let total = 0;
    let ended = false;
    let finished = false;
    let pump: NodeJS.Timeout | undefined;
    const idle = setTimeout(() => finish(new CgiError(`no audio data for ${IDLE_MS / 1000} s: toSERVER.cgi gave up`, 408)), IDLE_MS);

    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(idle);
      clearTimeout(pump);
      raw.off('data', onData);
      if (err) {
        raw.resume(); // drain what is left so the error answer can be sent
        return reject(err);
      }
      // The answer waits until the speaker has emitted the last queued sample.
      setTimeout(() => resolve(total), (room.speakerAhead() * 1000) / SAMPLE_RATE);
    };

    // Moves pending bytes onto the room timeline, never more than SPEAKER_AHEAD_MAX ahead.
    const feed = () => {
      pump = undefined;
      while (pending.length) {
        const space = SPEAKER_AHEAD_MAX - room.speakerAhead();
        if (space <= 0) break;
        const head = pending[0];
        const take = head.subarray(0, space);
        if (take.length === head.length) pending.shift();
        else pending[0] = head.subarray(take.length);
        room.play(decode(take));
        record.append(take);
        total += take.length;
      }
      if (pending.length) {
        raw.pause();
        idle.refresh(); // we hold the client back: that is not the client being idle
        pump = setTimeout(feed, PUMP_MS);
      } else if (ended) finish();
      else raw.resume();
    };

    const onData = (chunk: Buffer) => {
      idle.refresh();
      pending.push(chunk);
      if (!pump) feed();
    };
    raw.on('data', onData);
    raw.on('end', () => {
      ended = true;
      if (!pump) feed();
    });
    // The client hung up mid-stream: what reached the speaker stays played.
    raw.on('close', () => {
      if (!raw.complete) finish(new CgiError('the client closed the connection before the end of the audio'));
    });
    raw.on('error', (e) => finish(new CgiError(`audio upload failed: ${e.message}`)));
  });
}

export const toServerRoute: Route = {
  path: '/toSERVER.cgi',
  role: 'operator',
  methods: ['POST'],
  summary: 'audio for the speaker: POST audio/basic (G.711 mu-law 8 kHz), chunked or with Content-Length, played in real time',
  handle,
};

// House expectations of the video suites (tests/video/): see index.ts.
import type { HouseRule } from './types.ts';

export const VIDEO_RULES = {
  'video.mjpeg.boundary': { chapter: '2.3.6', expectation: 'MJPEG streams use the boundary the spec proposes, `myboundary` (the spec only proposes it; any boundary the Content-Type declares is followed)' },
  'video.mjpeg.part-type': { chapter: '2.3.6', expectation: 'every MJPEG part carries `Content-Type: image/jpeg`, as the spec\'s example shows (the part\'s JPEG data is required either way)' },
  'video.mjpeg.part-length': { chapter: '2.3.6', expectation: 'every MJPEG part carries `Content-Length: <image size>`, as the spec\'s example shows (the boundary alone delimits a part; a Content-Length that is there must be the size)' },
  'video.snapshot.length': { chapter: '2.3.3', expectation: 'a snapshot answer carries `Content-Length: <image size>`, as the spec\'s example shows (an HTTP/1.0 answer may end with the connection instead; a Content-Length that is there must be the size)' },
  'video.size.offered': { chapter: '2.3.2', expectation: 'image.cgi, video.cgi and resolution.cgi refuse a size not listed in `Properties.Image.Resolution` (no image or stream at some other size, no new default)' },
  'video.compression.max': { chapter: '2.3.2', expectation: '`compression` is 0..100: `compression=101` is refused' },
  'video.compression.steps': { chapter: '2.3.2', expectation: 'every step up in `compression` (0, 25, 50, 75, 100) gives a smaller JPEG of the same picture (required: 100 gives a smaller one than 0)' },
  'video.fps.max': { chapter: '2.3.5', expectation: 'video.cgi serves at most 30 fps (`Image.I0.Stream.FPS` 1..30): `fps=31` is refused' },
  'video.refusal.form': { chapter: '2', expectation: 'a refused image, video or resolution request is answered HTTP 400 with a `# Error: <what is wrong>` line' },
  'video.resolution.answer': { chapter: '2.1', expectation: '`resolution.cgi?resolution=WxH` answers `OK` (the spec shows no answer)' },
  'video.resolution.get': { chapter: '2.1', expectation: '`resolution.cgi?action=get` answers `resolution=<WxH>`, the default size `Image.I0.Appearance.Resolution`' },
  'video.resolution.list': { chapter: '2.1', expectation: '`resolution.cgi?action=list` answers `resolutions=<WxH>,<WxH>...`, the sizes of `Properties.Image.Resolution` in its order' },
  'video.osd.answer': { chapter: '1.11', expectation: '`setosd.cgi` answers `OK` (the spec shows no answer)' },
  'video.osd.text-max': { chapter: '1.11', expectation: 'the OSD text holds at most 64 printable ASCII characters: a longer one is refused (whatever a camera accepts, it must keep whole)' },
} satisfies Record<string, HouseRule>;

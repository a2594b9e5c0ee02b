import { test, expect } from '@playwright/test';
import { capabilitiesFromParams } from '../../../lib/camera/capabilities.ts';
import {
  cameraErrorOf,
  isNoAnswer,
  isUnreachable,
  CameraConnectionError,
  CameraProtocolError,
  CameraUnreachableError,
  UploadCutOff,
} from '../../../lib/camera/errors.ts';
import { CameraDefect, categoryOf } from '../../../lib/errors.ts';
import { buildMultipartForm } from '../../../lib/camera/form.ts';
import { ioAction, parseIoStates } from '../../../lib/camera/io.ts';
import { checkAddress, parseIpFilterList } from '../../../lib/camera/ipfilter.ts';
import { motionGroupNumber, parseMotionLevels, windowsFromParams } from '../../../lib/camera/motion.ts';
import { paramsUnder, parseParamList, yesNo } from '../../../lib/camera/params.ts';
import { parsePtzLimits, parsePtzPosition, parsePtzPresets, parsePtzSpeed } from '../../../lib/camera/ptz.ts';
import { buildQuery, joinTarget } from '../../../lib/camera/query.ts';
import { parseDisks, parseRecordings } from '../../../lib/camera/storage.ts';
import { dispositionFilename } from '../../../lib/camera/system.ts';
import { formatCameraTime, parseCameraTime } from '../../../lib/camera/time.ts';
import { parseUserList, secondaryGroups } from '../../../lib/camera/users.ts';
import { parseVideoStatus } from '../../../lib/camera/video.ts';
import { xmlElements } from '../../../lib/camera/xml.ts';

test.describe('parameter list', () => {
  test('values keep = and spaces; CRLF and LF; blank and comment lines skipped', () => {
    const p = parseParamList('Brand.Brand=Acme\r\nImage.I0.Text.String=a = b  c \r\n\n# comment\nNetwork.HostName=\nX.Y=1=2\n');
    expect([...p]).toEqual([
      ['Brand.Brand', 'Acme'],
      ['Image.I0.Text.String', 'a = b  c '],
      ['Network.HostName', ''],
      ['X.Y', '1=2'],
    ]);
  });
  test('# Error lines and malformed lines are errors', () => {
    expect(() => parseParamList('A.B=1\r\n# Error: Unknown parameter Foo.Bar\r\n')).toThrow('camera reported an error: Unknown parameter Foo.Bar');
    expect(() => parseParamList('A.B=1\nno equals sign here\n')).toThrow(/line 2 is not <parameter>=<value>/);
    expect(() => parseParamList('=value\n')).toThrow(/line 1/);
  });
  test('helpers: group prefix, yes/no', () => {
    const p = parseParamList('Motion.M1.Top=1\nMotion.M10.Top=2\nMotion.M1=x\n');
    expect([...paramsUnder(p, 'Motion.M1').keys()]).toEqual(['Motion.M1.Top', 'Motion.M1']);
    expect([yesNo('yes'), yesNo(' NO '), yesNo('maybe'), yesNo(undefined)]).toEqual([true, false, undefined, undefined]);
    expect(cameraErrorOf('OK\n#Error:bad value\n')).toBe('bad value');
    expect(cameraErrorOf('OK\r\n')).toBeUndefined();
  });
});

test.describe('query strings', () => {
  test('keeps the API syntax characters, escapes structure ones', () => {
    expect(buildQuery({ action: '1:/300\\', group: 'Motion.M1,Motion.M2', text: 'a&b=c+d e#f%', n: 5, on: true, skip: undefined })).toBe(
      'action=1:/300%5C&group=Motion.M1,Motion.M2&text=a%26b%3Dc%2Bd%20e%23f%25&n=5&on=yes',
    );
    expect(buildQuery([['group', 'A'], ['group', 'B']])).toBe('group=A&group=B');
    expect(buildQuery('?raw=1:/')).toBe('raw=1:/');
    expect(buildQuery({ t: 'Zoë' })).toBe('t=Zo%C3%AB');
    expect(joinTarget('/a.cgi?x=1', { y: 2 })).toBe('/a.cgi?x=1&y=2');
  });
  test('bad input is refused', () => {
    expect(() => buildQuery('a=1 2')).toThrow(/whitespace/);
    expect(() => buildQuery({ n: Number.NaN })).toThrow(/not a finite number/);
    expect(() => joinTarget('config.cgi', undefined)).toThrow(/must start with '\/'/);
  });
});

test.describe('time', () => {
  test('parses the spec format and variants, round-trips', () => {
    const d = parseCameraTime('Oct 03, 2008 15:16:04\r\n');
    expect(d.toISOString()).toBe('2008-10-03T15:16:04.000Z');
    expect(parseCameraTime('February 9 2024 7:05:00').toISOString()).toBe('2024-02-09T07:05:00.000Z');
    expect(formatCameraTime(d)).toBe('Oct 03, 2008 15:16:04');
  });
  test('refuses impossible dates and other formats', () => {
    expect(() => parseCameraTime('Feb 30, 2024 10:00:00')).toThrow(/not a valid date/);
    expect(() => parseCameraTime('Oct 03, 2008 24:00:00')).toThrow(/not a valid date/);
    expect(() => parseCameraTime('Foo 03, 2008 10:00:00')).toThrow(/unknown month/);
    // The spec's `<month>` may be a number.
    expect(parseCameraTime('10 3, 2008 15:16:04').toISOString()).toBe('2008-10-03T15:16:04.000Z');
    expect(() => parseCameraTime('13 03, 2008 10:00:00')).toThrow(/unknown month/);
    expect(() => parseCameraTime('2008-10-03 15:16:04')).toThrow(/form/);
  });
});

test('video status', () => {
  expect(parseVideoStatus('Video 1 = video\r\nVideo 2 = no video\r\n')).toEqual([
    { camera: 1, hasVideo: true },
    { camera: 2, hasVideo: false },
  ]);
  expect(() => parseVideoStatus('Video 1 = maybe')).toThrow(/not understood/);
  expect(() => parseVideoStatus('\r\n')).toThrow(/no camera/);
});

test('PTZ answers', () => {
  expect(parsePtzPosition('pan=-12.5\r\ntilt=3\r\nzoom=2000\r\nfocus=750\r\n')).toMatchObject({ pan: -12.5, tilt: 3, zoom: 2000 });
  expect(() => parsePtzPosition('pan=1\ntilt=2\n')).toThrow(/lacks zoom=/);
  expect(() => parsePtzPosition('pan=left\ntilt=2\nzoom=1\n')).toThrow(/not a number/);
  expect(parsePtzLimits('MinPan=-170\nmaxpan=170\nMinTilt=-90\nMaxTilt=0\nMinZoom=1\nMaxZoom=9999\n')).toMatchObject({
    minPan: -170, maxPan: 170, minTilt: -90, maxTilt: 0, minZoom: 1, maxZoom: 9999,
  });
  expect(parsePtzPresets('presetposno2=Door\r\npresetposno1=Home\r\n3=Gate\r\n')).toEqual([
    { number: 1, name: 'Home' },
    { number: 2, name: 'Door' },
    { number: 3, name: 'Gate' },
  ]);
  expect(() => parsePtzPresets('Home=1\n')).toThrow(/preset line not understood/);
  expect(parsePtzSpeed('speed=40\n')).toBe(40);
});

test('motion', () => {
  expect(parseMotionLevels('group=0;level=12;threshold=50;\r\n\r\ngroup=3; level=0 ;threshold=20\r\n')).toEqual([
    { group: 0, level: 12, threshold: 50 },
    { group: 3, level: 0, threshold: 20 },
  ]);
  expect(() => parseMotionLevels('group=0;level=x;threshold=1;')).toThrow(/numeric level/);
  expect(() => parseMotionLevels('group=0;threshold=1;')).toThrow(/numeric level/);
  const windows = windowsFromParams(
    parseParamList('Motion.M10.Name=B\nMotion.M2.Name=A\nMotion.M2.Top=500\nMotion.M2.Sensitivity=90\nMotion.Enabled=yes\n'),
  );
  expect(windows.map((w) => [w.id, w.name, w.top, w.sensitivity])).toEqual([
    ['M2', 'A', 500, 90],
    ['M10', 'B', undefined, undefined],
  ]);
  expect([motionGroupNumber('M3'), motionGroupNumber(4)]).toEqual([3, 4]);
  expect(() => motionGroupNumber('Motion.M3')).toThrow(/bad motion window id/);
});

test('I/O', () => {
  expect(ioAction(1, ['/'])).toBe('1:/');
  expect(ioAction(2, ['\\'])).toBe('2:\\');
  expect(ioAction(1, ['/', 300, '\\'])).toBe('1:/300\\');
  expect(() => ioAction(1, ['/', 300])).toThrow(/wait must sit between/);
  expect(() => ioAction(1, ['/', 100, 200, '\\'])).toThrow(/wait must sit between/);
  expect(() => ioAction(0, ['/'])).toThrow(/port/);
  expect(parseIoStates('IO1:/\r\n\r\nIO2:\\\r\nIO3:H\r\nIO4:L\r\n')).toEqual([
    { port: 1, active: true, char: '/' },
    { port: 2, active: false, char: '\\' },
    { port: 3, active: true, char: 'H' },
    { port: 4, active: false, char: 'L' },
  ]);
  expect(() => parseIoStates('IO1:X')).toThrow(/none of/);
  expect(() => parseIoStates('input 1 high')).toThrow(/not understood/);
});

test('IP filter list', () => {
  expect(parseIpFilterList('Accept addresses: 10.0.0.1 192.168.1.0/24,127.0.0.2\r\nEnabled: yes\r\n')).toEqual({
    addresses: ['10.0.0.1', '192.168.1.0/24', '127.0.0.2'],
    enabled: true,
  });
  expect(parseIpFilterList('Accept addresses:\r\nEnabled: no\r\n')).toEqual({ addresses: [], enabled: false });
  expect(() => parseIpFilterList('Enabled: yes\r\n')).toThrow(/lacks the "Accept addresses:"/);
  expect(() => parseIpFilterList('Accept addresses: 1.2.3.4\r\nEnabled: perhaps\r\n')).toThrow(/neither yes nor no/);
  expect(() => parseIpFilterList('Accept addresses: 1.2.3\r\nEnabled: yes\r\n')).toThrow(/not an IP address/);
  expect(() => checkAddress('10.0.0.0/33')).toThrow(/not an IP address/);
  expect(checkAddress('::1')).toBe('::1');
});

test('users: sgrp hierarchy and tolerant get parsing', () => {
  expect(secondaryGroups('viewer')).toBe('viewer');
  expect(secondaryGroups('operator', true)).toBe('viewer:operator:ptz');
  expect(secondaryGroups('admin')).toBe('viewer:operator:admin');
  const users = parseUserList('root=admin:operator:viewer:ptz\r\nalice:viewer\r\nbob=viewer,operator\r\n');
  expect(users).toEqual([
    { name: 'root', groups: ['admin', 'operator', 'viewer', 'ptz'], role: 'admin', ptz: true },
    { name: 'alice', groups: ['viewer'], role: 'viewer', ptz: false },
    { name: 'bob', groups: ['viewer', 'operator'], role: 'operator', ptz: false },
  ]);
  const vapix = parseUserList('admin="root"\noperator="root,carol"\nviewer="root,carol,dave"\nptz="carol"\n');
  expect(vapix.map((u) => [u.name, u.role, u.ptz])).toEqual([
    ['root', 'admin', false],
    ['carol', 'operator', true],
    ['dave', 'viewer', false],
  ]);
  expect(() => parseUserList('just words')).toThrow(/not understood/);
});

test('storage XML (the spec examples, including the unclosed root)', () => {
  const disks = parseDisks(`<?xml version="1.0" ?>
<root>
<disks numberofdisks="1">
<disk diskid="SD_DISK" totalsize="124048" freesize="124032"
cleanuplevel="95" cleanupmaxage="1" cleanuppolicy="none"
locked="no" full="no" readonly="no" status="OK" />
</disks>
</root>`);
  expect(disks).toEqual([
    expect.objectContaining({ diskId: 'SD_DISK', totalSize: 124048, freeSize: 124032, cleanupLevel: 95, cleanupMaxAge: 1, cleanupPolicy: 'none', locked: false, full: false, readonly: false, status: 'OK' }),
  ]);
  const recs = parseRecordings(`<?xml version="1.0" ?>
<root>
<recordings>
  <recording recordingid="20090101_010101.avi"
diskid="SD_DISK" starttime="20090101_010101" date="20090101"
recordingtype="scheduled">
    </recording>
    <recording recordingid='20090101_010201.avi' diskid="SD_DISK" recordingtype="a &amp; b &#65;">
    </recording>
  </recordings>`);
  expect(recs.map((r) => [r.recordingId, r.diskId, r.startTime, r.recordingType])).toEqual([
    ['20090101_010101.avi', 'SD_DISK', '20090101_010101', 'scheduled'],
    ['20090101_010201.avi', 'SD_DISK', undefined, 'a & b A'],
  ]);
  expect(xmlElements('<a x="1>2"/><!-- <a x="no"/> --><A y="3"></A>', 'a')).toEqual([{ x: '1>2' }, { y: '3' }]);
  expect(() => xmlElements('<disk diskid=SD_DISK/>', 'disk')).toThrow(/not quoted/);
  expect(() => xmlElements('<disk diskid="x"', 'disk')).toThrow(/not closed/);
  expect(() => parseDisks('<disk totalsize="1"/>')).toThrow(/without diskid/);
});

test('Content-Disposition filename', () => {
  expect(dispositionFilename('attachment; filename=backup.bin')).toBe('backup.bin');
  expect(dispositionFilename('attachment; filename="back \\"up\\".bin"')).toBe('back "up".bin');
  expect(dispositionFilename('attachment')).toBeUndefined();
});

test('multipart form body', () => {
  const form = buildMultipartForm([{ name: 'file', filename: 'backup.bin', data: Buffer.from([0, 1, 2]) }]);
  const boundary = /boundary=(.+)$/.exec(form.contentType)![1];
  expect(form.contentType.startsWith('multipart/form-data; boundary=')).toBe(true);
  expect(form.body.toString('latin1')).toBe(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="backup.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\x02\r\n--${boundary}--\r\n`,
  );
  expect(() => buildMultipartForm([{ name: 'a"b', data: '' }])).toThrow(/quotes/);
});

test('capabilities from the parameter list', () => {
  const caps = capabilitiesFromParams(
    parseParamList(
      [
        'Brand.Brand=Acme', 'Brand.ProdNbr=IPC-100', 'Properties.Firmware.Version=V5.0.2.3843',
        'Properties.Image.Resolution=1920x1080,1280x720,640x480,320x240', 'Properties.PTZ.PTZ=no',
        'Properties.Motion.Motion=yes', 'Properties.Audio.Audio=yes', 'Properties.Audio.Format=audio/basic, audio/G726-32',
        'Input.NbrOfInputs=2', 'Output.NbrOfOutputs=1', 'Network.IPAddress=10.0.0.5', 'Image.I0.Text.TextEnabled=yes',
      ].join('\r\n'),
    ),
  );
  expect(caps).toMatchObject({
    model: 'IPC-100', firmwareVersion: 'V5.0.2.3843', resolutions: ['1920x1080', '1280x720', '640x480', '320x240'],
    hasPtz: false, hasMotion: true, hasAudio: true, audioFormats: ['audio/basic', 'audio/G726-32'], hasStorage: false,
    nbrInputs: 2, nbrOutputs: 1, network: { ipAddress: '10.0.0.5' }, image: { textEnabled: true },
  });
  expect(caps.missing).toContain('Properties.Storage.Storage');
  expect(caps.missing).not.toContain('Brand.Brand');
  expect(caps.require('motion', 'audio:audio/g726-32', 'inputs:2', 'resolution:640x480')).toBeUndefined();
  expect(caps.require('motion', 'ptz')).toBe('camera lacks PTZ (Properties.PTZ.PTZ=no)');
  expect(caps.require('storage')).toBe('camera lacks storage (Properties.Storage.Storage not listed)');
  expect(caps.require('outputs:2')).toBe('camera has fewer than 2 digital outputs (Output.NbrOfOutputs=1)');
  expect(caps.require('resolution:800x600')).toMatch(/^camera does not offer 800x600 \(Properties.Image.Resolution=1920x1080,/);
  expect(caps.require('osd')).toBe('camera lacks OSD text (Image.I0.Text.String not listed)');
  expect(() => caps.require('teleport' as 'ptz')).toThrow(/unknown capability/);
});

test('unreachable errors carry the prefix the report sorts by', () => {
  const e = new CameraUnreachableError({ method: 'GET', path: '/image.cgi' }, 'connection refused (ECONNREFUSED)');
  expect(e.message).toBe('camera unreachable: GET /image.cgi: connection refused (ECONNREFUSED)');
  expect(isUnreachable(e)).toBe(true);
  expect(isUnreachable(new Error('GET /x failed'))).toBe(false);
  // The type decides, not the words: a camera defect that happens to say it is not "unreachable".
  expect(isUnreachable(new CameraDefect('camera unreachable: it said so itself'))).toBe(false);
});

test('connection and protocol errors: camera defects, each message naming the request and what happened', () => {
  const ref = { method: 'POST', path: '/restore.cgi' };
  const late = new CameraConnectionError(ref, 'late', 'no complete answer within 800 ms');
  const dropped = new CameraConnectionError(ref, 'dropped', 'connection reset by the camera without an answer (ECONNRESET)');
  const cut = new UploadCutOff(ref, 'connection reset by the camera (ECONNRESET)', 65536, 1048576);
  const broke = new CameraProtocolError(ref, 'a header line ends in a bare LF');
  expect(late.message).toBe('camera did not answer in time: POST /restore.cgi: no complete answer within 800 ms');
  expect(dropped.message).toBe('camera dropped the connection: POST /restore.cgi: connection reset by the camera without an answer (ECONNRESET)');
  expect(cut.message).toBe('camera cut off the upload: POST /restore.cgi: connection reset by the camera (ECONNRESET) after 65536 of 1048576 body bytes were handed to the connection');
  expect(cut).toBeInstanceOf(CameraConnectionError);
  expect(broke.message).toBe('camera broke HTTP: POST /restore.cgi: a header line ends in a bare LF');
  for (const e of [late, dropped, cut, broke]) {
    expect(categoryOf(e), e.message).toBe('camera defect');
    expect(isUnreachable(e)).toBe(false);
    expect(isNoAnswer(e)).toBe(true);
  }
  expect(isNoAnswer(new CameraUnreachableError(ref, 'connection refused'))).toBe(true);
  expect(isNoAnswer(new CameraDefect('expected OK'))).toBe(false);
});

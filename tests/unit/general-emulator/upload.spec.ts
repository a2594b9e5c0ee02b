// The camera's reading of uploaded files (restore.cgi, firmwareupgrade.cgi): the file
// field of a multipart/form-data body, refused clearly when the form is damaged.
import { test, expect } from '@playwright/test';
import { boundaryOf, fileField } from '../../../rigs/virtual-camera/general/upload.ts';

const B = 'xYzBoundary42';
function form(parts: { name: string; data: string | Buffer; filename?: string }[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const fn = p.filename ? `; filename="${p.filename}"` : '';
    chunks.push(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${p.name}"${fn}\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(chunks);
}

test('boundary is read in token and quoted form, and its absence is named', () => {
  expect(boundaryOf(`multipart/form-data; boundary=${B}`)).toBe(B);
  expect(boundaryOf(`multipart/form-data; charset=utf-8; boundary="${B}"`)).toBe(B);
  expect(() => boundaryOf('multipart/form-data')).toThrow(/without a boundary/);
});

test('the file field is found among other fields, byte for byte (CRLF and dashes inside kept)', () => {
  const data = Buffer.concat([Buffer.from('\r\n--not-the-boundary\r\n'), Buffer.from([0, 1, 2, 255, 13, 10])]);
  const body = form([{ name: 'comment', data: 'hello' }, { name: 'file', data, filename: 'backup.bin' }, { name: 'after', data: 'x' }]);
  expect(fileField(body, B).equals(data)).toBe(true);
});

test('a damaged form is refused with what is wrong', () => {
  expect(() => fileField(form([{ name: 'other', data: 'abc' }]), B)).toThrow(/no field named "file"/);
  expect(() => fileField(form([{ name: 'file', data: 'abc'.repeat(100) }]).subarray(0, 200), B)).toThrow(/truncated/);
  expect(() => fileField(form([{ name: 'file', data: 'abc' }]).subarray(0, 40), B)).toThrow(/no end of headers/);
  expect(() => fileField(form([{ name: 'file', data: 'a' }, { name: 'file', data: 'b' }]), B)).toThrow(/two fields/);
  expect(() => fileField(form([{ name: 'file', data: '' }]), B)).toThrow(/empty/);
  expect(() => fileField(Buffer.from('just some bytes'), B)).toThrow(/does not contain its boundary/);
});

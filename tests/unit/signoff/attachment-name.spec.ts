// Attachment names allure-playwright would take for a screenshot comparison (and crash on,
// attached from memory) are rewritten; every other name is left as it is.
import { test, expect } from '@playwright/test';
import { COMPARISON_ENDING, safeAttachmentName } from '../../../lib/signoff/attachment-name.ts';

test('comparison endings lose their dash, nothing else changes', () => {
  expect(safeAttachmentName('ptz pan-diff.png')).toBe('ptz pan diff.png');
  expect(safeAttachmentName('frame-actual.png')).toBe('frame actual.png');
  expect(safeAttachmentName('frame-expected.png')).toBe('frame expected.png');
  expect(safeAttachmentName('-diff.png')).toBe('diff.png');
  for (const name of ['frame-diff.png', 'a-b-actual.png', '-expected.png']) expect(safeAttachmentName(name)).not.toMatch(COMPARISON_ENDING);
  // Only what allure-playwright matches is rewritten: its match is case-sensitive and on .png.
  for (const name of ['mjpeg intervals.svg', 'ptz-diff.json', 'frame-diff.jpg', 'frame-DIFF.png', 'frame diff.png', 'diff.png', 'a-diff.png.txt'])
    expect(safeAttachmentName(name)).toBe(name);
  // Applying it twice changes nothing more.
  expect(safeAttachmentName(safeAttachmentName('x-diff.png'))).toBe('x diff.png');
});

test('a name that is no name is a clear error', () => {
  expect(() => safeAttachmentName('')).toThrow('attachment name must not be empty or blank, got ""');
  expect(() => safeAttachmentName('  ')).toThrow(/empty or blank/);
  expect(() => safeAttachmentName(undefined as unknown as string)).toThrow('attachment name must be a string, got undefined');
  expect(() => safeAttachmentName(null as unknown as string)).toThrow('attachment name must be a string, got null');
});

// The lab report's input (lib/signoff/lab-report-results.ts): a camera's Allure results with
// every attachment left out, the files and the references to them, and nothing else changed.
import { test, expect } from '@playwright/test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWithoutAttachments } from '../../../lib/signoff/lab-report-results.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

test.afterAll(removeTempDirs);

test('results are copied without attachment files and without the references to them', () => {
  const root = tempDir('lab-report-results-');
  const from = join(root, 'allure-results');
  mkdirSync(from);
  const result = {
    uuid: 'r1', name: 'snapshot', status: 'passed', labels: [{ name: 'camera', value: 'lobby' }],
    attachments: [{ name: 'http-transcript.txt', source: 'a1-attachment.txt', type: 'text/plain' }],
    steps: [{ name: 'read', attachments: [{ name: 'frame', source: 'a2-attachment.jpg', type: 'image/jpeg' }], steps: [{ name: 'inner', attachments: [{ name: 'm', source: 'a3-attachment', type: 'text/markdown' }], steps: [] }] }],
  };
  const container = { uuid: 'c1', children: ['r1'], befores: [{ name: 'fixture', attachments: [{ name: 'log', source: 'a4-attachment.txt', type: 'text/plain' }], steps: [] }], afters: [] };
  writeFileSync(join(from, 'r1-result.json'), JSON.stringify(result));
  writeFileSync(join(from, 'c1-container.json'), JSON.stringify(container));
  writeFileSync(join(from, 'environment.properties'), 'model=IPC-7100\n');
  for (const f of ['a1-attachment.txt', 'a2-attachment.jpg', 'a3-attachment', 'a4-attachment.txt']) writeFileSync(join(from, f), 'x');
  mkdirSync(join(from, 'a-folder'));

  const into = join(root, 'copy');
  copyWithoutAttachments(from, into);
  expect(readdirSync(into).sort()).toEqual(['c1-container.json', 'environment.properties', 'r1-result.json']);
  const copied = JSON.parse(readFileSync(join(into, 'r1-result.json'), 'utf8'));
  expect(copied).toEqual({ ...result, attachments: [], steps: [{ ...result.steps[0], attachments: [], steps: [{ ...result.steps[0].steps[0], attachments: [] }] }] });
  expect(JSON.parse(readFileSync(join(into, 'c1-container.json'), 'utf8')).befores[0].attachments).toEqual([]);
  expect(readFileSync(join(into, 'environment.properties'), 'utf8')).toBe('model=IPC-7100\n');
  // The camera's own results are untouched.
  expect(JSON.parse(readFileSync(join(from, 'r1-result.json'), 'utf8'))).toEqual(result);
});

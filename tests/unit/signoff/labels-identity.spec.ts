import { test, expect } from '@playwright/test';
import { readRunOptions, reporterSettings, writeRunFile } from '../../../fixtures/options.ts';
import { githubSlug, spec } from '../../../fixtures/report-labels.ts';
import { identityFromParams, publicUrl, safeSegment } from '../../../lib/signoff/identity.ts';
import { readIdentity } from '../../../lib/signoff/read-identity.ts';
import { environmentInfo, hilReporters } from '../../../lib/signoff/reporters.ts';
import { startVirtualCamera } from '../../../rigs/virtual-camera/index.ts';

const headings = new Map([['1', 'General'], ['1.3', 'Factory default'], ['2', 'Image and Video'], ['2.3.2', 'JPEG image (snapshot) CGI request']]);

test('spec() gives Allure labels, tags and, with HIL_SPEC_URL, the link to the section', () => {
  const d = spec('1.3', 'factorydefault.cgi', { severity: 'critical', tags: ['destructive', '@slow'] }, headings, 'https://intranet.example/spec.md');
  expect(d.tag).toEqual(['@destructive', '@slow']);
  expect(Object.fromEntries(d.annotation.map((a) => [a.type, a.description]))).toEqual({
    '@allure.label.epic': '1 General',
    '@allure.label.feature': 'factorydefault.cgi',
    '@allure.label.story': '1.3 Factory default',
    '@allure.label.severity': 'critical',
    tms: 'https://intranet.example/spec.md#13-factory-default',
  });
  expect(spec('2.3.2', 'image.cgi', {}, headings, 'x').annotation.find((a) => a.type === 'tms')!.description).toMatch(/#232-jpeg-image-snapshot-cgi-request$/);
  // Without a URL there is no link: a report never points at a file outside itself.
  expect(spec('1.3', 'factorydefault.cgi', {}, headings, undefined).annotation.some((a) => a.type === 'tms')).toBe(false);
});

test('spec() refuses a section the spec does not have, and bad input', () => {
  expect(() => spec('1.33', 'x.cgi', {}, headings)).toThrow(/section 1\.33 is not a heading of the spec/);
  expect(() => spec('1.3a', 'x.cgi', {}, headings)).toThrow(/section must look like "1.3"/);
  expect(() => spec('1.3', ' ', {}, headings)).toThrow(/feature .* is empty/);
});

test('the spec\'s sections are project data: no file outside the repository is read', () => {
  const d = spec('1.8', 'restart.cgi');
  expect(d.annotation.find((a) => a.type === '@allure.label.story')!.description).toBe('1.8 Reboot server');
  expect(githubSlug('5 I/O')).toBe('5-io');
});

test('identity needs model and firmware; paths and URLs stay safe', () => {
  expect(() => identityFromParams(new Map([['Brand.ProdNbr', 'X']]), 'config.cgi at http://cam')).toThrow('config.cgi at http://cam did not list Properties.Firmware.Version: cannot name the report folder');
  expect(safeSegment('V5.0.1 build/7')).toBe('V5.0.1_build_7');
  expect(safeSegment('..')).toBe('_');
  expect(publicUrl('http://root:secret@10.0.0.5:8080/')).toBe('http://10.0.0.5:8080');
});

test('identity is read from a camera over HTTP (virtual camera)', async () => {
  const cam = await startVirtualCamera({ firmware: 'V5.0.2.3843' });
  try {
    const id = await readIdentity(cam);
    expect(id.firmware).toBe('V5.0.2.3843');
    expect(id.model).toMatch(/\S/);
    expect(id.serial).toMatch(/\S/);
    await expect(readIdentity({ ...cam, password: 'wrong' })).rejects.toThrow();
  } finally {
    await cam.stop();
  }
  await expect(readIdentity({ url: 'http://127.0.0.1:9', user: 'root', password: 'pass' })).rejects.toThrow(/^camera unreachable:/);
});

test('reporters write into the run folder and never show credentials', () => {
  const env = { HIL_REPORT_DIR: '/tmp/r/IPC/V1', CAMERA_URL: 'http://10.1.2.3', CAMERA_USER: 'root', CAMERA_PASSWORD: 'Secret-Pw-77' };
  const settings = reporterSettings(readRunOptions(env));
  const reporters = hilReporters(settings);
  expect(reporters[0]).toEqual(['list']);
  expect(reporters[1]).toEqual(['json', { outputFile: '/tmp/r/IPC/V1/results.json' }]);
  const allure = reporters[3][1] as { resultsDir: string; environmentInfo: Record<string, string>; globalLabels: Record<string, string> };
  expect(allure.resultsDir).toBe('/tmp/r/IPC/V1/allure-results');
  // Outside a sign-off nobody read the camera's identity.
  expect(allure.globalLabels).toEqual({});
  expect(allure.environmentInfo).toMatchObject({ model: 'not read (run through npm start)', target: 'http://10.1.2.3', 'relay board': 'none configured' });
  expect(JSON.stringify(reporters)).not.toContain('Secret-Pw-77');

  // As npm start hands a run over: the identity names the model and firmware.
  const run = writeRunFile({ signoff: true, reportDir: '/tmp/r/IPC/V1', handOver: { identity: { model: 'IPC', firmware: 'V1', serial: 'S1' }, relay: 'numato at /dev/ttyACM0' } });
  try {
    const signoff = reporterSettings(readRunOptions({ ...env, HIL_RUN_FILE: run.path }));
    const reported = hilReporters(signoff);
    expect(String(reported[0][0])).toMatch(/suite-progress-reporter\.ts$/);
    expect((reported[3][1] as { globalLabels: Record<string, string> }).globalLabels).toEqual({ firmware: 'V1', model: 'IPC' });
    expect(environmentInfo(signoff)).toMatchObject({ model: 'IPC', firmware: 'V1', serial: 'S1', target: 'http://10.1.2.3', 'relay board': 'numato at /dev/ttyACM0' });
    expect(JSON.stringify(reported)).not.toContain('Secret-Pw-77');
  } finally {
    run.remove();
  }
  expect(hilReporters({ ...settings, list: true })).toEqual([['list']]);
});

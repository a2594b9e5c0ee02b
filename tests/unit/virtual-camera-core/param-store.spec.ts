import { test, expect } from '@playwright/test';
import { ParamStore } from '../../../rigs/virtual-camera/params/store.ts';
import { factoryCatalog, TEMPLATES, NETWORK_KEPT } from '../../../rigs/virtual-camera/params/catalog.ts';
import { modelSpec } from '../../../rigs/virtual-camera/models.ts';

const store = () => new ParamStore(factoryCatalog(modelSpec('IPC-7100'), 'V5.0.2.3843', '00408C000001'), TEMPLATES);

test('an update with one bad value changes nothing and names the parameter', () => {
  const s = store();
  const before = s.snapshot();
  expect(() => s.update([['Image.I0.Text.String', 'ok'], ['Image.I0.Stream.FPS', '99']])).toThrow(/Image.I0.Stream.FPS: 99 is out of range 1..30/);
  expect(s.snapshot()).toEqual(before);
});

test('read-only and unknown parameters are refused by name', () => {
  const s = store();
  expect(() => s.update([['Brand.ProdNbr', 'X']])).toThrow(/Brand.ProdNbr is read-only/);
  expect(() => s.update([['No.Such.Param', '1']])).toThrow(/unknown parameter No.Such.Param/);
});

test('group filters: prefix, sub-group, exact name, comma of several', () => {
  const s = store();
  expect(s.list(['Brand']).every(([n]) => n.startsWith('Brand.'))).toBe(true);
  expect(s.list(['Image.I0.Text.String'])).toEqual([['Image.I0.Text.String', '']]);
  expect(() => s.list(['Bogus'])).toThrow(/no parameter group or parameter named Bogus/);
});

test('template add numbers entries, accepts the spec example names, remove is all or nothing', () => {
  const s = store();
  const entry = s.add('Motion', 'motion', [['Motion.M.Name', 'Entrance'], ['Motion.M.Top', '500']]);
  expect(entry).toBe('M1');
  expect(s.get('Motion.M1.Name')).toBe('Entrance');
  expect(s.get('Motion.M1.Top')).toBe('500');
  expect(s.get('Motion.M1.Bottom')).toBe('9999');
  expect(() => s.remove(['Motion.M1', 'Motion.M7'])).toThrow(/no group named Motion.M7/);
  expect(s.get('Motion.M1.Name')).toBe('Entrance');
  s.remove(['Motion.M1', 'Motion.M0']);
  expect(s.list(['Motion'])).toEqual([]);
  expect(() => s.remove(['Brand'])).toThrow(/not a removable group/);
});

test('factory reset keeps exactly the parameters asked to keep', () => {
  const s = store();
  s.update([['Network.IPAddress', '192.0.2.10'], ['Network.HostName', 'changed'], ['Image.I0.Text.String', 'x']]);
  s.resetToFactory(NETWORK_KEPT);
  expect(s.get('Network.IPAddress')).toBe('192.0.2.10');
  expect(s.get('Network.HostName')).not.toBe('changed');
  expect(s.get('Image.I0.Text.String')).toBe('');
});

test('snapshot round trip restores template instances; a bad snapshot is refused whole', () => {
  const s = store();
  s.add('Motion', 'motion', [['Name', 'Door']]);
  const snap = s.snapshot();
  const t = store();
  t.applySnapshot(snap);
  expect(t.snapshot()).toEqual(snap);
  const before = t.snapshot();
  expect(() => t.applySnapshot({ ...snap, 'Image.I0.Stream.FPS': 'fast' })).toThrow(/not an integer/);
  expect(t.snapshot()).toEqual(before);
});

test('cross-parameter rules: a window upside down or a zoom limit pair reversed is refused whole', () => {
  const s = store();
  const before = s.snapshot();
  expect(() => s.update([['Motion.M0.Top', '8000'], ['Motion.M0.Bottom', '100']])).toThrow(/Motion.M0.Top \(8000\) must not exceed Motion.M0.Bottom \(100\)/);
  expect(() => s.update([['PTZ.Limit.L1.MinZoom', '9000'], ['PTZ.Limit.L1.MaxZoom', '100']])).toThrow(/MinZoom/);
  expect(() => s.add('Motion', 'motion', [['Left', '9000'], ['Right', '10']])).toThrow(/Left \(9000\) must not exceed/);
  expect(s.snapshot()).toEqual(before);
  s.update([['Motion.M0.Top', '100'], ['Motion.M0.Bottom', '200']]);
  expect(s.get('Motion.M0.Bottom')).toBe('200');
});

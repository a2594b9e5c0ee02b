// Mutations of valid requests for the fuzz run: values swapped for hostile ones, parameters
// dropped, repeated, renamed or invented, the raw query cut or salted with stray syntax.
// Driven by a seeded generator, so a run is reproduced exactly from its seed. The output
// is always a query undici will send (printable ASCII, no space or `#`): raw bytes and
// broken HTTP are bench/malformed-requests.ts's job.
import { prng } from '../../fixtures/synthetic-media.ts';
export { prng };


const HOSTILE_VALUES = [
  '', '0', '-1', '1', '2', '99', '65535', '65536', '2147483647', '2147483648', '-2147483649', '9007199254740993',
  '1e9', '1.5', '-0', '0x10', 'NaN', 'Infinity', 'null', 'undefined', 'true', 'yes', 'no',
  '%ff%fe', '%c0%af', '%00', '%0d%0aX-Injected:%201', '%', '%zz', '%%', '+', '%20', '%2F', '%26', '%3D',
  '..%2F..%2F..%2Fetc%2Fpasswd', '../../../etc/passwd', '%2Fetc%2Fpasswd', '..%5C..%5Cwindows',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '%27%20OR%201%3D1--', '%24(reboot)', '%60id%60', '%7C%7Cid',
  '%E2%80%AE', '%F0%9F%93%B7', '%ef%bb%bf', 'A'.repeat(300), 'A'.repeat(3000), '1,2,3,4,5,6,7,8,9,10', ',,,', ':::', '1:/', '1:%5C',
  '320x240', '0x0', '99999x99999', '-1x-1', 'SD_DISK', 'all', 'list', 'get',
];

const HOSTILE_KEYS = ['', 'ACTION', 'Action', 'action%00', '%61ction', 'hilfuzz', '__proto__', 'constructor', 'a'.repeat(500), '%ff', 'group%5B%5D', 'x.y.z'];
const STRAY = ['&', '&&', '=', '==', '%', '%%', '%f', ';', '?', '/', '..', '%00', '%0d%0a', '[', ']', '{', '}', '"', "'", '<', '>', '\\', '|', '^', '`'];

export interface Mutated {
  query: string;
  /** What was done, for the failure message: `value of fps -> "%ff%fe"; dropped action`. */
  how: string[];
}

/** One to three mutations of a raw query string. */
export function mutateQuery(raw: string, rnd: () => number): Mutated {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  let pairs = raw === '' ? [] : raw.split('&').map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
  });
  let tail = ''; // raw text appended after the pairs (truncation and salting work on the string)
  const how: string[] = [];
  const count = 1 + Math.floor(rnd() * 3);
  for (let n = 0; n < count; n++) {
    const i = Math.floor(rnd() * Math.max(1, pairs.length));
    switch (Math.floor(rnd() * 9)) {
      case 0:
      case 1:
        if (pairs[i]) {
          const v = pick(HOSTILE_VALUES);
          how.push(`value of ${pairs[i][0].slice(0, 20)} -> ${JSON.stringify(v.slice(0, 30))}`);
          pairs[i] = [pairs[i][0], v];
        } else {
          pairs.push(['hilfuzz', pick(HOSTILE_VALUES)]);
          how.push('added hilfuzz');
        }
        break;
      case 2:
        if (pairs[i]) {
          how.push(`dropped ${pairs[i][0].slice(0, 20)}`);
          pairs = pairs.filter((_, k) => k !== i);
        }
        break;
      case 3:
        if (pairs[i]) {
          const v = rnd() < 0.5 ? pairs[i][1] : pick(HOSTILE_VALUES);
          how.push(`repeated ${pairs[i][0].slice(0, 20)}`);
          pairs.push([pairs[i][0], v]);
        }
        break;
      case 4: {
        const k = pick(HOSTILE_KEYS);
        how.push(`added key ${JSON.stringify(k.slice(0, 20))}`);
        pairs.splice(Math.floor(rnd() * (pairs.length + 1)), 0, [k, pick(HOSTILE_VALUES)]);
        break;
      }
      case 5:
        if (pairs[i]) {
          const k = pick(HOSTILE_KEYS);
          how.push(`renamed ${pairs[i][0].slice(0, 20)} -> ${JSON.stringify(k.slice(0, 20))}`);
          pairs[i] = [k, pairs[i][1]];
        }
        break;
      case 6: {
        const s = pick(STRAY);
        how.push(`stray ${JSON.stringify(s)}`);
        tail += s;
        break;
      }
      case 7:
        if (pairs[i]) {
          // One character of a value changed to another printable one.
          const v = pairs[i][1];
          const at = Math.floor(rnd() * Math.max(1, v.length));
          const c = String.fromCharCode(0x21 + Math.floor(rnd() * 94));
          how.push(`character ${at} of ${pairs[i][0].slice(0, 20)} -> ${JSON.stringify(c)}`);
          pairs[i] = [pairs[i][0], v.slice(0, at) + c + v.slice(at + 1)];
        }
        break;
      default: {
        const bytes = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => `%${Math.floor(rnd() * 256).toString(16).padStart(2, '0')}`).join('');
        how.push(`random bytes ${bytes}`);
        if (pairs[i]) pairs[i] = [pairs[i][0], bytes];
        else pairs.push(['hilfuzz', bytes]);
      }
    }
  }
  let query = pairs.map(([k, v]) => `${k}=${v}`).join('&') + tail;
  if (rnd() < 0.1 && query.length > 1) {
    const cut = Math.floor(rnd() * query.length);
    how.push(`cut at ${cut}`);
    query = query.slice(0, cut);
  }
  // What undici sends as is: printable ASCII without space or '#' (escaped otherwise).
  query = query.replace(/[^\x21-\x7e]|#/g, (c) => encodeURIComponent(c));
  return { query, how: how.length ? how : ['unchanged'] };
}

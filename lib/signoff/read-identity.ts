// Reads who is under test from the camera itself (identity.ts has the types and helpers).
// lib/signoff may use lib/camera (the harness's client); it never imports rigs/ or tests/.

import { CameraClient } from '../camera/http.ts';
import { Config } from '../camera/config.ts';
import { identityFromParams, type CameraTarget, type Identity } from './identity.ts';

/**
 * Reads the identity over HTTP with the harness's camera client. Brand and firmware are
 * required; host name and serial are asked for one by one because a camera refuses a whole
 * list naming one parameter it does not have, and their absence must not stop a sign-off.
 */
export async function readIdentity(target: CameraTarget): Promise<Identity> {
  const client = new CameraClient({ url: target.url, user: target.user, password: target.password });
  try {
    const config = new Config(client);
    const params = new Map(await config.list(['Brand', 'Properties.Firmware']));
    for (const name of ['Network.HostName', 'Properties.System.SerialNumber']) {
      // Optional: a camera may not list it, or refuse it as unknown; anything else (no
      // answer, a broken one, 401/5xx) is not "absent" and is thrown.
      const found = await config.lookup(name);
      if (found.status === 'listed') params.set(name, found.value);
    }
    return identityFromParams(params, `config.cgi at ${client.url}`);
  } finally {
    await client.close();
  }
}

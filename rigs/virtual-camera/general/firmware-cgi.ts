// firmwareupgrade.cgi (spec §1.7): POST an image (multipart field "file" or a raw
// application/octet-stream body). A good image for this model is answered OK, logged,
// and the camera restarts into the new version (unreachable for options.rebootMs),
// keeping its configuration. A bad image is refused with the reason; the camera keeps
// running its old firmware and does not restart.
import type { ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { decodeFirmwareImage } from './firmware-image.ts';
import { assertNotRestarting, restartAfterReply } from './restart.ts';
import { uploadedFile } from './upload.ts';

const MAX_IMAGE_BYTES = 16 << 20;

async function upgrade(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  onlyKnown(req.query, []);
  assertNotRestarting(cam);
  const img = decodeFirmwareImage(await uploadedFile(req, MAX_IMAGE_BYTES));
  if (img.model !== cam.model.prodNbr) throw new CgiError(`firmware image is for model ${img.model}, this camera is a ${cam.model.prodNbr}`);
  assertNotRestarting(cam); // another upgrade may have been accepted while this body arrived
  const from = cam.firmware;
  cam.log.add('system', `firmware upgrade from ${from} to ${img.version} (built ${img.buildDate}, ${img.payloadBytes} bytes) by ${req.user.name}`);
  restartAfterReply(res, cam, `firmware upgrade to ${img.version}`, () => cam.installFirmware(img.version, img.buildDate));
  sendOk(res);
}

export const firmwareRoutes: Route[] = [
  { path: '/firmwareupgrade.cgi', role: 'admin', methods: ['POST'], summary: 'upgrade the firmware (multipart field "file" or octet-stream); restarts', handle: upgrade },
];

// The address the camera sees our requests come from: the local end of a route to it.
// A connected UDP socket asks the kernel for that route without sending anything.
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { LabProblem } from '../../lib/errors.ts';

// Not finding a route (or the camera's name) is the lab's network, not the camera.
export async function ownAddressTowards(cameraUrl: string, timeoutMs = 5000): Promise<string> {
  const host = new URL(cameraUrl).hostname;
  const { address } = await lookup(host, { family: 4 }).catch((e: Error) => {
    throw new LabProblem(`cannot resolve the camera's host ${host} to an IPv4 address: ${e.message}`);
  });
  const socket = createSocket('udp4');
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new LabProblem(`no route to ${address} found within ${timeoutMs} ms`)), timeoutMs);
      socket.once('error', (e) => (clearTimeout(timer), reject(new LabProblem(`no route to ${address}: ${e.message}`))));
      socket.connect(9, address, () => {
        clearTimeout(timer);
        resolve(socket.address().address);
      });
    });
  } finally {
    socket.close();
  }
}

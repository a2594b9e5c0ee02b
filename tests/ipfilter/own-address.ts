// The address the camera sees our requests come from: the local end of a route to it.
// A connected UDP socket asks the kernel for that route without sending anything.
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';

export async function ownAddressTowards(cameraUrl: string, timeoutMs = 5000): Promise<string> {
  const host = new URL(cameraUrl).hostname;
  const { address } = await lookup(host, { family: 4 });
  const socket = createSocket('udp4');
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no route to ${address} found within ${timeoutMs} ms`)), timeoutMs);
      socket.once('error', (e) => (clearTimeout(timer), reject(e)));
      socket.connect(9, address, () => {
        clearTimeout(timer);
        resolve(socket.address().address);
      });
    });
  } finally {
    socket.close();
  }
}

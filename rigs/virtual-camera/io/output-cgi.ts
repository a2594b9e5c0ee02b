// output.cgi (spec §5.3) and port.cgi (§5.1): drive an output with an action string
// (action.ts), e.g. `action=1:/`, `action=1:\`, `action=1:/300\`. output.cgi numbers
// outputs, port.cgi numbers I/O ports (ports.ts); on port.cgi an input port is refused.
// The answer is `OK` as soon as the first steps took effect; a sequence goes on after it
// and is replaced by the next action on the same output.
import type { ServerResponse } from 'node:http';
import { onlyKnown, required } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { parseAction } from './action.ts';
import { outputPort, portOf } from './ports.ts';
import { ioOf } from './state.ts';

function drive(numbering: 'output' | 'port') {
  return (req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void => {
    onlyKnown(req.query, ['action']);
    const action = parseAction(required(req.query, 'action'));
    const port = numbering === 'output' ? outputPort(cam.model, action.port) : portOf(cam.model, action.port);
    if (port.kind === 'input') {
      const { inputs, outputs } = cam.model;
      const where = outputs === 0 ? 'this camera has no outputs' : outputs === 1 ? `output 1 is port ${inputs + 1}` : `outputs are ports ${inputs + 1}..${inputs + outputs}`;
      throw new CgiError(`port ${port.port} is input ${port.n}: an input cannot be driven (${where})`);
    }
    ioOf(cam).run(port.n, action.steps, `${req.path.slice(1)} by ${req.user.name}`);
    sendOk(res);
  };
}

export const outputCgiRoute: Route = {
  path: '/output.cgi',
  role: 'operator',
  summary: 'drive output n: action=<n>:/ (active), <n>:\\ (inactive), pulses <n>:/300\\ (output numbers from 1)',
  handle: drive('output'),
};

export const portCgiRoute: Route = {
  path: '/port.cgi',
  role: 'operator',
  summary: 'drive I/O port n (inputs first, then outputs): action=<n>:/ | <n>:\\ | <n>:/300\\; an input port is refused',
  handle: drive('port'),
};

// Child process for the tests: starts a virtual relay board, prints its path, then waits
// to be killed (the test checks that socat does not outlive it).
import { startVirtualRelayBoard } from '../../../../rigs/virtual-relay/pty-board.ts';

const board = await startVirtualRelayBoard();
console.log(JSON.stringify({ path: board.path, kind: board.kind }));
setInterval(() => {}, 60_000);

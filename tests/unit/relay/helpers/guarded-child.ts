// Child process for the safe-state tests: opens the virtual board at argv[2], guards it,
// switches channels 0 and 2 on, prints "ready", then fails in the way argv[3] names.
import { openBoard } from '../../../../rigs/relay/open.ts';
import { guardBoard } from '../../../../rigs/relay/safe-state.ts';

const [path, mode] = process.argv.slice(2);
const board = guardBoard(await openBoard({ driver: 'virtual', path }));
await board.channel(0).set(true);
await board.channel(2).set(true);
console.log('ready');
if (mode === 'throw') setTimeout(() => { throw new Error('boom from the test child'); }, 10);
if (mode === 'reject') setTimeout(() => void Promise.reject(new Error('rejected in the test child')), 10);
if (mode === 'exit') setTimeout(() => process.exit(3), 10);
if (mode === 'other-handler') process.on('SIGTERM', () => console.log('other handler ran'));
setInterval(() => {}, 60_000); // 'wait' and 'other-handler': until a signal comes

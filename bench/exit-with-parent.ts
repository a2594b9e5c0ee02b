// Preloaded into the emulator a bench starts (`node --import tsx --import ./bench/exit-with-parent.ts
// rigs/virtual-camera/cli.ts`, emulator-child.ts): the bench holds the write end of this
// process's stdin, so stdin ends when the bench ends, however it ends (SIGKILL included,
// when no exit handler of the bench runs). The emulator then gets the SIGTERM its CLI stops
// on, and no camera is left listening without its bench.
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();

// The one seeded PRNG of the project (mulberry32): the panorama, fault decisions, the fuzz
// run and synthetic test data all need "same seed, same sequence", never secrecy. Not wire
// format, so tests and benches may share it with the emulator.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

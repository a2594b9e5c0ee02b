// A misbehaving camera of the test's own (never the worker's shared one): an in-process
// virtual camera with a fault set, and the harness's client for it, as a camera suite
// would hold it (short timeouts, a transcript with the credentials redacted).
import { Camera, Transcript } from '../../lib/camera/index.ts';
import { categoryOf as categoryByType, type FailureCategory } from '../../lib/errors.ts';
import { installFaults, type FaultController } from '../../rigs/virtual-camera/faults/index.ts';
import { startVirtualCamera, type VirtualCamera } from '../../rigs/virtual-camera/index.ts';

export interface FaultyCamera {
  vc: VirtualCamera;
  faults: FaultController;
  camera: Camera;
  transcript: Transcript;
  close(): Promise<void>;
}

export interface FaultyOptions {
  /** The client's per-request deadline (default 2000 ms). */
  timeoutMs?: number;
  /** The camera's configured reboot time (default 300 ms). */
  rebootMs?: number;
}

export async function faultyCamera(spec: string, opts: FaultyOptions = {}): Promise<FaultyCamera> {
  const vc = await startVirtualCamera({ rebootMs: opts.rebootMs ?? 300 });
  const faults = installFaults(vc, spec);
  const transcript = new Transcript({ secrets: [vc.password] });
  const camera = new Camera({ url: vc.url, user: vc.user, password: vc.password, timeoutMs: opts.timeoutMs ?? 2000, transcript });
  return {
    vc,
    faults,
    camera,
    transcript,
    async close() {
      await camera.close();
      await vc.stop();
    },
  };
}

/** The error a promise rejects with; fails loudly when it resolves instead. */
export async function failureOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
    return new Error(String(e));
  }
  throw new Error('expected the harness to report a failure, but the call succeeded');
}

/** How the report would file this failure: by its type, as the worker records it (fixtures/failure-category.ts). */
export function categoryOf(e: Error): FailureCategory {
  return categoryByType(e);
}

// The CLI's second thread (engine/scan-split.ts): `cloudline scan` starts this bundle again in a worker thread, which
// scans the Terraform configurations with the same arguments while the main thread scans the rest.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WireAnswer } from '../engine/wire';

/** What the main thread gives the worker: the command line, and the files it is to scan. */
export interface ScanWorkerData {
  readonly cloudline: 'scan-part';
  readonly argv: readonly string[];
  readonly files: readonly string[];
  readonly inChart: readonly boolean[];
  /** The paths named on the command line (one that cannot be read is an input error). */
  readonly explicit: readonly string[];
  /** The folders the fingerprints are relative to. */
  readonly fingerprints: readonly string[];
}

export function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return !!data && typeof data === 'object' && (data as { cloudline?: unknown }).cloudline === 'scan-part';
}

/** The threads `scan` uses without --jobs: two when the machine has two CPUs or more (the scan splits in two), else one. */
export function autoJobs(cpus = availableParallelism()): number {
  return cpus >= 2 ? 2 : 1;
}

/**
 * Starts `script` (this bundle) in a worker thread on `files` and resolves with its answer. A worker that cannot start,
 * throws or exits without answering resolves as failed: the scan then runs on one thread, as without a worker.
 * `stop` ends the worker (the main thread's part failed: its answer is not wanted).
 */
export function runWorker(script: string, data: Omit<ScanWorkerData, 'cloudline'>, stop?: AbortSignal): Promise<WireAnswer> {
  return new Promise((done) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { cloudline: 'scan-part', ...data } satisfies ScanWorkerData });
    } catch (e) {
      done({ kind: 'failed', message: String((e as Error)?.message ?? e) });
      return;
    }
    let answered = false;
    const answer = (a: WireAnswer) => {
      if (answered) return;
      answered = true;
      done(a);
    };
    worker.once('message', (m: WireAnswer) => {
      answer(m);
      void worker.terminate();
    });
    worker.once('error', (e) => answer({ kind: 'failed', message: String(e?.message ?? e) }));
    worker.once('exit', (code) => answer({ kind: 'failed', message: `the scan worker exited with code ${code} before it answered` }));
    stop?.addEventListener('abort', () => {
      answer({ kind: 'failed', message: 'stopped: the main thread\'s part failed' });
      void worker.terminate();
    });
  });
}

// Scanning paths from a terminal: the shared scanner (engine/scan.ts) with the CLI's naming (paths relative to the
// current directory).
export { collect, collectFiles, InputError, SKIPPED_DIRS } from '../engine/files';
export { scan, type ScanOptions, type ScanOutcome } from '../engine/scan';

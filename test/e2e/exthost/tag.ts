/** Lines of the extension-host suite start with this tag: the driver shows those and only logs the rest. */
export const TAG = '[cloudline-e2e] ';

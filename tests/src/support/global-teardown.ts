// Stops what global setup started (it left its stop function on globalThis: same process, and this
// file is compiled apart from it).
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __qifuE2eStop?: () => Promise<void> }).__qifuE2eStop?.();
}

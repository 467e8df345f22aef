import { createAppTester } from 'zapier-platform-core';
import App from '../../index';

export type AppTester = (method: never, bundle: Record<string, unknown>) => Promise<unknown>;

/** The real app definition, run the way the platform runs it (checks included). */
export const createRuntime = (): AppTester => createAppTester(App) as unknown as AppTester;

import type { Bundle, ZObject } from 'zapier-platform-core';
import { callApi } from '../http/api';
import { ONCEHUB_API } from './client';

/** Checks the connection's OnceHub API key; returns the OnceHub account it belongs to. */
export const oncehubAccount = async (z: ZObject, bundle: Bundle): Promise<string> => {
  const { data } = await callApi<{ message?: string }>(z, bundle, ONCEHUB_API, { url: '/test' });
  return data?.message?.match(/account:\s*(.+)$/)?.[1]?.trim() ?? '';
};

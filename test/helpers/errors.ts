/** What a user sees from a thrown platform error: AppError and ThrottledError wrap it in JSON. */
export type SeenError = { name: string; message: string; code?: string; status?: number; delay?: number };

export const seenError = (error: unknown): SeenError => {
  if (!(error instanceof Error)) throw new Error(`expected an Error, got ${String(error)}`);
  try {
    const parsed = JSON.parse(error.message) as Omit<SeenError, 'name'>;
    if (parsed && typeof parsed.message === 'string') return { name: error.name, ...parsed };
  } catch {
    // not a JSON-wrapped platform error
  }
  return { name: error.name, message: error.message };
};

/** Awaits a promise that must reject and returns the error as the user sees it. */
export const rejection = async (promise: Promise<unknown>): Promise<SeenError> => {
  try {
    await promise;
  } catch (error) {
    return seenError(error);
  }
  throw new Error('expected the step to fail, but it succeeded');
};

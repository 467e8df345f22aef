import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * zapier-platform-core ends the process (process.exit) once it has run more than 250
 * invocations while the process holds over 450 MB, and a jest worker carries garbage over from
 * file to file. Files that run hundreds of zap steps collect it as they go.
 */
setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;

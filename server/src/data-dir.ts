import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `<repo>/data`, resolved from this file (server/src or server/dist alike), not from the working
 * directory, so `npm start` from anywhere uses the same directory. Git-ignored.
 */
export const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../data");

/** Where the server keeps state that must outlive a restart (the auth secret): `DATA_DIR`, relative to the working directory, or the default. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv): string {
  return env.DATA_DIR ? path.resolve(env.DATA_DIR) : DEFAULT_DATA_DIR;
}

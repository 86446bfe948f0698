/** Types of scripts/dev.mjs (for the tests). */
export interface DevCommand {
  name: string;
  command: string;
  env?: Record<string, string>;
}
export function devCommands(env?: NodeJS.ProcessEnv): { clientUrl: string; port: string; commands: DevCommand[] };

import fs from "node:fs/promises";
import path from "node:path";

/** A finished recording on disk. */
export interface RecordingFile {
  path: string;
  bytes: number;
  mtimeMs: number;
}

/** Every finished `.rec` file under `root` (one level of room-type directories), newest first. */
export async function listRecordings(root: string): Promise<RecordingFile[]> {
  const files: RecordingFile[] = [];
  let rooms: string[];
  try {
    rooms = await fs.readdir(root);
  } catch {
    return files;
  }
  for (const room of rooms) {
    let names: string[];
    try {
      names = await fs.readdir(path.join(root, room));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith(".rec")) continue;
      const file = path.join(root, room, name);
      try {
        const st = await fs.stat(file);
        files.push({ path: file, bytes: st.size, mtimeMs: st.mtimeMs });
      } catch {
        // Pruned by another process meanwhile.
      }
    }
  }
  return files.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? 1 : -1));
}

/**
 * Delete the oldest finished recordings until at most `keepFiles` files and `keepBytes` bytes
 * remain (the newest is always kept). Returns the deleted paths.
 */
export async function pruneRecordings(root: string, keepFiles: number, keepBytes: number): Promise<string[]> {
  const files = await listRecordings(root);
  const deleted: string[] = [];
  let bytes = 0;
  files.forEach((f, i) => {
    bytes += f.bytes;
    if (i > 0 && (i >= keepFiles || bytes > keepBytes)) deleted.push(f.path);
  });
  await Promise.all(deleted.map((p) => fs.rm(p, { force: true })));
  return deleted;
}

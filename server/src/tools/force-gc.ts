import v8 from "node:v8";
import vm from "node:vm";

/** Run a full garbage collection even without --expose-gc (for leak checks). */
export function forceGc(): void {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  gc();
  gc();
}

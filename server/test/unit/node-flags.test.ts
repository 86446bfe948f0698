import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../src/tools/node-flags.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

describe("SERVER_NODE_FLAGS", () => {
  it("npm start runs the server with every one of them", () => {
    const start = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!;
    const command = start.slice(start.lastIndexOf("node "));
    for (const flag of SERVER_NODE_FLAGS) expect(command).toMatch(new RegExp(`^node (\\S+ )*${flag.replace(/[-]/g, "\\-")} (\\S+ )*server/dist/main\\.js`));
  });

  it("start:cluster passes them to every server process", () => {
    const script = readFileSync(path.join(ROOT, "scripts/cluster.js"), "utf8");
    expect(script).toContain("[...SERVER_NODE_FLAGS, MAIN]");
  });
});

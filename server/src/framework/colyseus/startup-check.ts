import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Protocol, Room, SchemaSerializer, Server, matchMaker, updateLobby } from "@colyseus/core";
import { Encoder, Schema, defineTypes } from "@colyseus/schema";
import { WebSocketClient } from "@colyseus/ws-transport";
import { TESTED_VERSIONS } from "./internals.js";

/**
 * The start-up check of the seam to Colyseus (internals.ts): the installed versions are the
 * tested ones, and every internal the seam reaches is there with the expected type. Fails fast,
 * naming the package or the member, instead of a netcode that silently stops working.
 */
export class ColyseusSeamError extends Error {
  override name = "ColyseusSeamError";
}

type MemberType = "function" | "object" | "number" | "string" | "boolean";

/**
 * Throw a ColyseusSeamError naming `${label}.${member}` unless each member of `target` has its
 * expected type (null counts as an object only for `nullable` members: a socket before it opens).
 */
export function expectMembers(label: string, target: unknown, members: Record<string, MemberType>, nullable: readonly string[] = []): void {
  for (const [member, type] of Object.entries(members)) {
    const value = target == null ? undefined : (target as Record<string, unknown>)[member];
    const present = target != null && member in (target as object);
    const ok = present && (typeof value === type || (value === null && nullable.includes(member)));
    if (!ok) {
      throw new ColyseusSeamError(
        `Colyseus seam self-check: ${label}.${member} is ${present ? typeof value : "missing"}, expected ${type}. ` +
          "A Colyseus upgrade changed an internal the framework uses: see server/src/framework/colyseus/internals.ts.",
      );
    }
  }
}

/** `major.minor.patch` of a version string as numbers (pre-release tags ignored). */
function parseVersion(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.split(/[-+]/)[0]!.split(".").map(Number);
  return [major, minor, patch];
}

function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** Whether `version` is in [lowest, below). */
export function versionInRange(version: string, [lowest, below]: readonly [string, string]): boolean {
  return compareVersions(version, lowest) >= 0 && compareVersions(version, below) < 0;
}

/** The package.json of `name` as resolved from `fromFile` (packages export only ".", so walk up from the entry). */
function packageJsonPath(name: string, fromFile: string): string {
  let dir = path.dirname(createRequire(fromFile).resolve(name));
  for (;;) {
    const candidate = path.join(dir, "package.json");
    try {
      if ((JSON.parse(readFileSync(candidate, "utf8")) as { name?: string }).name === name) return candidate;
    } catch {
      // no package.json at this level
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new ColyseusSeamError(`Colyseus seam: cannot find the package.json of ${name}`);
    dir = parent;
  }
}

/** Installed versions of the packages in TESTED_VERSIONS (`ws` as ws-transport resolves it). */
export function installedColyseusVersions(): Record<keyof typeof TESTED_VERSIONS, string> {
  const here = import.meta.url;
  const read = (file: string): string => (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  const wsTransport = packageJsonPath("@colyseus/ws-transport", here);
  return {
    "@colyseus/core": read(packageJsonPath("@colyseus/core", here)),
    "@colyseus/schema": read(packageJsonPath("@colyseus/schema", here)),
    "@colyseus/ws-transport": read(wsTransport),
    ws: read(packageJsonPath("ws", wsTransport)),
  };
}

/** Throw naming every package whose installed version is outside TESTED_VERSIONS. */
export function checkColyseusVersions(installed = installedColyseusVersions()): void {
  const outside = Object.entries(TESTED_VERSIONS)
    .filter(([name, range]) => !versionInRange(installed[name as keyof typeof installed], range))
    .map(([name, [lowest, below]]) => `${name} ${installed[name as keyof typeof installed]} (tested: >= ${lowest} and < ${below})`);
  if (outside.length > 0) {
    throw new ColyseusSeamError(
      `Colyseus seam: untested versions installed: ${outside.join("; ")}. The framework reaches into Colyseus internals; ` +
        "see server/src/framework/colyseus/internals.ts for what to re-test before widening TESTED_VERSIONS.",
    );
  }
}

class ProbeState extends Schema {}
defineTypes(ProbeState, { n: "number" });

/** Probe every internal internals.ts reaches on the installed packages; throws naming the first one missing. */
export function checkColyseusInternals(): void {
  // Room: _onJoin, reservedSeats (beforeSeatReclaim), _serializer (roomEncoder); _reserveSeat,
  // _incrementClientCount, _decrementClientCount, _internalState, _lockedExplicitly,
  // hasReachedMaxClients (separateSpectatorSeats).
  const room = new (class ProbeRoom extends Room {})();
  try {
    expectMembers("Room", room, {
      _onJoin: "function", reservedSeats: "object", _serializer: "object",
      _reserveSeat: "function", _incrementClientCount: "function", _decrementClientCount: "function", _internalState: "number", _lockedExplicitly: "boolean",
      hasReachedMaxClients: "function",
    });
  } finally {
    room.clock.clear();
  }
  // SchemaSerializer.encoder.sharedBuffer (roomEncoder, patch-buffer.ts); Encoder.BUFFER_SIZE.
  const serializer = new SchemaSerializer<ProbeState>();
  serializer.reset(new ProbeState());
  expectMembers("SchemaSerializer", serializer, { encoder: "object" });
  expectMembers("SchemaSerializer.encoder", (serializer as unknown as { encoder: unknown }).encoder, { sharedBuffer: "object" });
  expectMembers("Encoder", Encoder, { BUFFER_SIZE: "number" });
  // ws-transport: client.leave is an instance method we can wrap, and Colyseus closes an
  // undecodable message with 4002 (observeServerClose); ws's WebSocket keeps `_socket`.
  expectMembers("WebSocketClient.prototype", WebSocketClient.prototype, { leave: "function" });
  expectMembers("Protocol", Protocol, { WS_CLOSE_WITH_ERROR: "number" });
  if (Protocol.WS_CLOSE_WITH_ERROR !== 4002) {
    throw new ColyseusSeamError(`Colyseus seam self-check: Protocol.WS_CLOSE_WITH_ERROR is ${Protocol.WS_CLOSE_WITH_ERROR}, expected 4002`);
  }
  const wsTransportFile = createRequire(import.meta.url).resolve("@colyseus/ws-transport");
  const { WebSocket } = createRequire(wsTransportFile)("ws") as { WebSocket: new (address: null, protocols: undefined, options: object) => object };
  expectMembers("ws.WebSocket", new WebSocket(null, undefined, {}), { _socket: "object" }, ["_socket"]);
  // Matchmaking over HTTP: the controller's route and CORS hooks; Server takes over request listeners.
  expectMembers("matchMaker.controller", matchMaker.controller, { matchmakeRoute: "string", DEFAULT_CORS_HEADERS: "object", getCorsHeaders: "function" });
  expectMembers("Server.prototype", Server.prototype, { attachMatchMakingRoutes: "function" });
  expectMembers("@colyseus/core", { updateLobby }, { updateLobby: "function" });
}

let checked = false;

/** Versions, then internals; once per process (startGameServer calls it). */
export function checkColyseusSeam(): void {
  if (checked) return;
  checkColyseusVersions();
  checkColyseusInternals();
  checked = true;
}

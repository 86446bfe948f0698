#!/usr/bin/env node
// Scaffold a new room type: `npm run new-room -- <name> [--root <repo>]`.
// Writes the game's shared folder (shared/src/games/<name>/: sim, schema, input, definition and its
// entry @arena/shared/games/<name>), the server room and a stub bot (a wandering BotBrain), the
// client scene (on GameSceneBase) and connect, tests, and registers the game once per side:
// server/src/rooms/registry.ts (room and bot) and client/src/game/registry.ts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const templates = path.join(here, "templates");

function fail(message) {
  console.error(`new-room: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const rootFlag = args.indexOf("--root");
const root = path.resolve(rootFlag >= 0 ? args[rootFlag + 1] : path.join(here, "../.."));
const name = args.find((a, i) => !a.startsWith("--") && (rootFlag < 0 || i !== rootFlag + 1));
if (!name) fail("usage: npm run new-room -- <name>   (lowercase letters and digits, e.g. coins)");
if (!/^[a-z][a-z0-9]{1,23}$/.test(name)) fail(`"${name}" is not a valid name: use 2-24 lowercase letters/digits, starting with a letter`);
const reserved = new Set(["arena", "tag", "lobby", "common", "net", "input", "index", "registry", "games"]);
if (reserved.has(name)) fail(`"${name}" is taken`);

const Name = name[0].toUpperCase() + name.slice(1);
const NAME = name.toUpperCase();
const fill = (text) => text.replaceAll("__name__", name).replaceAll("__Name__", Name).replaceAll("__NAME__", NAME);

const files = [
  ["sim.ts.tmpl", `shared/src/games/${name}/sim.ts`],
  ["schema.ts.tmpl", `shared/src/games/${name}/schema.ts`],
  ["input.ts.tmpl", `shared/src/games/${name}/input.ts`],
  ["definition.ts.tmpl", `shared/src/games/${name}/definition.ts`],
  ["index.ts.tmpl", `shared/src/games/${name}/index.ts`],
  ["room.ts.tmpl", `server/src/rooms/${name}/${name}-room.ts`],
  ["bot.ts.tmpl", `server/src/rooms/${name}/${name}-bot.ts`],
  ["connect.ts.tmpl", `client/src/game/${name}/connect-${name}.ts`],
  ["scene.ts.tmpl", `client/src/game/${name}/${name}-scene.ts`],
  ["sim.test.ts.tmpl", `shared/test/${name}-sim.test.ts`],
  ["room.test.ts.tmpl", `server/test/integration/${name}-room.test.ts`],
  ["bots.test.ts.tmpl", `server/test/integration/${name}-bots.test.ts`],
];
for (const [, target] of files) if (fs.existsSync(path.join(root, target))) fail(`${target} already exists`);

/** Insert `line` above the marker comment in `file` (keeps the marker's indentation). */
function insertAbove(file, marker, line) {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, "utf8");
  const at = text.indexOf(marker);
  if (at < 0) fail(`marker "${marker}" not found in ${file}`);
  const lineStart = text.lastIndexOf("\n", at) + 1;
  const indent = text.slice(lineStart, at);
  fs.writeFileSync(full, text.slice(0, lineStart) + indent + line + "\n" + text.slice(lineStart));
}

for (const [template, target] of files) {
  const full = path.join(root, target);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, fill(fs.readFileSync(path.join(templates, template), "utf8")));
  console.log(`created ${target}`);
}
// One registration per side.
insertAbove("server/src/rooms/registry.ts", "// new-room:imports", `import { ${name}Game } from "@arena/shared/games/${name}";\nimport { ${name}BotBrain } from "./${name}/${name}-bot.js";\nimport { ${Name}Room } from "./${name}/${name}-room.js";`);
insertAbove("server/src/rooms/registry.ts", "// new-room:rooms", `{ name: ${name}Game.name, room: ${Name}Room, bot: ${name}BotBrain },`);
// The scene is imported dynamically (createScene): a static import would put Phaser on the lobby page.
insertAbove("client/src/game/registry.ts", "// new-room:imports", `import { ${name}Game } from "@arena/shared/games/${name}";\nimport { connect${Name} } from "./${name}/connect-${name}.js";`);
insertAbove(
  "client/src/game/registry.ts",
  "// new-room:games",
  `{\n    roomName: ${name}Game.name,\n    label: "${Name}",\n    description: "${Name}: WASD/arrows to move. (Generated: describe your game here.)",\n    sceneKey: "${name}",\n    createScene: async () => new (await import("./${name}/${name}-scene.js")).${Name}Scene(),\n    connect: connect${Name},\n  },`,
);
console.log(`registered "${name}" in server/src/rooms/registry.ts and client/src/game/registry.ts (its shared part: @arena/shared/games/${name})`);
console.log(`next: npm test, then npm start and pick ${Name} in the lobby (BOT_FILL=4 npm start: bots join you; npm run bots -- --room ${name}: headless bots). Guide: docs/writing-a-room-type.md`);

// Precompress the built client (`node scripts/precompress.mjs <dir>`): next to every text asset
// over MIN_BYTES, a `.br` (brotli, best) and a `.gz` (gzip, best). The server hands them to
// browsers that accept them (express-static-gzip, server/src/http/http-app.ts), so a page costs
// its compressed size without the game server compressing anything while it runs rooms.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** Smaller files are sent as they are: compression saves less than a packet. */
const MIN_BYTES = 1024;
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.error("usage: node scripts/precompress.mjs <built client dir>");
  process.exit(2);
}

let files = 0;
let before = 0;
let afterBr = 0;
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.test(entry.name)) continue;
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  const bytes = fs.readFileSync(file);
  if (bytes.length < MIN_BYTES) continue;
  const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  files++;
  before += bytes.length;
  afterBr += br.length;
}
console.log(`precompressed ${files} files: ${before} B -> ${afterBr} B with brotli`);

import http from "node:http";

/** What `POST /matchmake/<method>/<target>` answered: the JSON body (a seat, or `{ code, error }`). */
export interface MatchmakeAnswer {
  status: number;
  body: { code?: number; error?: string; sessionId?: string; room?: { roomId: string; name: string } };
}

export interface RawMatchmakeOptions {
  token?: string;
  /** Extra request headers (e.g. X-Forwarded-For). */
  headers?: Record<string, string>;
  /** Join options (the JSON body). */
  options?: object;
}

/**
 * One matchmaking call over plain node:http, as a script would make it (no colyseus.js, no
 * socket afterwards: a seat it gets stays reserved until it expires).
 */
export function rawMatchmake(port: number, method: string, target: string, opts: RawMatchmakeOptions = {}): Promise<MatchmakeAnswer> {
  const body = JSON.stringify(opts.options ?? {});
  const headers: Record<string, string> = { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)), ...opts.headers };
  if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: `/matchmake/${method}/${target}`, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as MatchmakeAnswer["body"] });
        } catch {
          reject(new Error(`matchmake ${method}/${target}: HTTP ${res.statusCode} answered non-JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** `GET /healthz`: rooms and clients (seated plus reserved) of the process. */
export async function healthz(port: number): Promise<{ rooms: number; clients: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  const { rooms, clients } = (await res.json()) as { rooms: number; clients: number };
  return { rooms, clients };
}

/** A guest token from `POST /auth/guest`, as a player gets one. */
export async function guestToken(port: number, name: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/auth/guest`, {
    method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`guest login: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

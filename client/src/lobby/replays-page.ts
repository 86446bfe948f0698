import type { RecordingListing } from "@arena/shared";
import { replayLink } from "../game/common/launch-options.js";

function cell(row: HTMLTableRowElement, text: string, className?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

function lengthText(r: RecordingListing): string {
  const sec = Math.round(r.ticks / (r.tickHz || 60));
  return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, "0")}`;
}

/**
 * `?replays`: this server's recent recordings (GET /recordings), one table per room type, newest
 * first (start time, length, players); each opens its replay (`?replay=<id>`). Phaser-free, like
 * the lobby.
 */
export async function startReplaysPage(root: HTMLElement, httpBase: string, origin: string): Promise<void> {
  const page = document.createElement("div");
  page.className = "lobby replays";
  const title = document.createElement("h1");
  title.textContent = "Replays";
  const back = document.createElement("a");
  back.href = "/";
  back.textContent = "← Lobby";
  page.append(back, title);
  root.append(page);
  const res = await fetch(`${httpBase}/recordings`).catch(() => null);
  const body = (await res?.json().catch(() => null)) as { recordings?: RecordingListing[]; message?: string } | null;
  if (!res?.ok || !body?.recordings) {
    const p = document.createElement("p");
    p.textContent = `No recordings to show: ${body?.message ?? "the server could not be reached"}.`;
    page.append(p);
    return;
  }
  if (body.recordings.length === 0) {
    const p = document.createElement("p");
    p.textContent = "No recordings yet: a match is listed here once its room has ended.";
    page.append(p);
    return;
  }
  const byRoom = new Map<string, RecordingListing[]>();
  for (const r of body.recordings) byRoom.set(r.room, [...(byRoom.get(r.room) ?? []), r]);
  for (const [room, rows] of byRoom) {
    const h = document.createElement("h2");
    h.textContent = room;
    const table = document.createElement("table");
    table.className = "rooms";
    table.dataset.room = room;
    const head = table.createTHead().insertRow();
    for (const t of ["Started", "Length", "Players", ""]) cell(head, t);
    const tbody = table.createTBody();
    for (const r of rows) {
      const row = tbody.insertRow();
      cell(row, new Date(r.startedAtMs).toLocaleString());
      cell(row, lengthText(r));
      const people = r.players.filter((p) => !p.bot).map((p) => p.name);
      const bots = r.players.length - people.length;
      cell(row, `${people.join(", ") || "no people"}${bots ? ` + ${bots} bot${bots === 1 ? "" : "s"}` : ""}`);
      const td = row.insertCell();
      const a = document.createElement("a");
      a.href = replayLink(origin, r.id);
      a.textContent = "Watch replay";
      a.className = "watch-replay";
      td.append(a);
    }
    page.append(h, table);
  }
}

import { Client, type Room } from "colyseus.js";
import { serverEndpoint } from "../game/common/connection.js";
import { NAME_STORAGE_KEY, roomLink, type NameStore } from "../game/common/launch-options.js";
import type { GameEntry } from "../game/registry.js";
import { RoomList, isFull, type ListedRoom } from "./room-list.js";

/** Read-only lobby hook for tests: window.__lobby. */
export interface LobbyHook {
  ready: boolean;
  rooms(): ListedRoom[];
}

declare global {
  interface Window {
    __lobby?: LobbyHook;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

/**
 * The start page: a name, every game with quick play and new room, and the rooms of every
 * type with live player counts (Colyseus LobbyRoom). Choosing navigates to `?play=` /
 * `?create=` / `?room=&type=`, which the game page understands (so any room is a shareable link).
 */
export function startLobby(root: HTMLElement, games: readonly GameEntry[], store: NameStore | null, initialName: string): void {
  const list = new RoomList();
  const hook: LobbyHook = { ready: false, rooms: () => games.flatMap((g) => list.ofType(g.roomName)) };
  window.__lobby = hook;

  const page = el("main", { class: "lobby" });
  page.append(el("h1", {}, "Colyseus Netcode Arena"));
  page.append(el("p", { class: "tagline" }, "Authoritative server, client-side prediction, interpolation and lag compensation."));
  const nameRow = el("label", { class: "name-row" }, "Your name ");
  const nameInput = el("input", { id: "player-name", maxlength: "16", value: initialName, autocomplete: "nickname" });
  nameRow.append(nameInput);
  page.append(nameRow);
  const status = el("p", { class: "lobby-status" }, "Connecting to the lobby…");
  const cards = el("section", { class: "games" });
  page.append(cards, status);
  root.replaceChildren(page);

  const go = (query: string): void => {
    const name = nameInput.value.trim();
    try {
      if (name) store?.setItem(NAME_STORAGE_KEY, name);
    } catch {
      // Storage disabled: the name still travels in the URL.
    }
    window.location.search = `${query}${name ? `&name=${encodeURIComponent(name)}` : ""}`;
  };

  const tables = new Map<string, HTMLTableSectionElement>();
  for (const game of games) {
    const card = el("article", { class: "game", "data-room": game.roomName });
    card.append(el("h2", {}, game.label), el("p", {}, game.description));
    const quick = el("button", { class: "quick-play" }, "Quick play");
    quick.addEventListener("click", () => go(`?play=${game.roomName}`));
    const create = el("button", { class: "new-room" }, "New room");
    create.addEventListener("click", () => go(`?create=${game.roomName}`));
    card.append(quick, create);
    const table = el("table", { class: "rooms" });
    const body = el("tbody");
    table.append(body);
    card.append(table);
    tables.set(game.roomName, body);
    cards.append(card);
  }

  const render = (): void => {
    for (const game of games) {
      const body = tables.get(game.roomName)!;
      const rows = list.ofType(game.roomName).map((room) => {
        const tr = el("tr", { "data-room-id": room.roomId });
        tr.append(el("td", { class: "room-id" }, room.roomId), el("td", { class: "players" }, `${room.clients} / ${room.maxClients}`));
        const actions = el("td");
        const join = el("button", { class: "join" }, isFull(room) ? "Full" : "Join");
        join.toggleAttribute("disabled", isFull(room));
        join.addEventListener("click", () => go(`?type=${encodeURIComponent(room.name)}&room=${encodeURIComponent(room.roomId)}`));
        const copy = el("button", { class: "copy-link" }, "Copy link");
        copy.addEventListener("click", () => {
          void navigator.clipboard?.writeText(roomLink(window.location.origin, room.name, room.roomId));
          copy.textContent = "Copied";
        });
        actions.append(join, copy);
        tr.append(actions);
        return tr;
      });
      if (rows.length === 0) {
        const tr = el("tr");
        tr.append(el("td", { class: "empty", colspan: "3" }, "No rooms yet: quick play opens one."));
        rows.push(tr);
      }
      body.replaceChildren(...rows);
    }
  };
  render();

  const client = new Client(serverEndpoint());
  client.joinOrCreate("lobby").then(
    (lobby: Room) => {
      lobby.onMessage("rooms", (rooms: ListedRoom[]) => {
        list.replaceAll(rooms);
        status.textContent = "Rooms update live.";
        hook.ready = true;
        render();
      });
      lobby.onMessage("+", (entry: [string, ListedRoom]) => {
        list.upsert(entry);
        render();
      });
      lobby.onMessage("-", (roomId: string) => {
        list.remove(roomId);
        render();
      });
      lobby.onLeave(() => {
        status.textContent = "Lost the lobby connection; reload to see live rooms.";
      });
    },
    (err: unknown) => {
      status.textContent = `Could not reach the lobby (${err instanceof Error ? err.message : String(err)}). You can still quick play.`;
      hook.ready = true;
    },
  );
}

import { Client, type Room } from "colyseus.js";
import { MAX_NAME_LENGTH, cutToGraphemes, graphemeCount } from "@arena/shared";
import { serverEndpoint } from "../game/common/connection.js";
import { ROOM_FULL_TEXT, describeJoinFailure } from "../net/close-reasons.js";
import { copyOrShowLink, type CopyOutcome } from "./copy-link.js";
import { NAME_STORAGE_KEY, roomLink, type NameStore } from "../game/common/launch-options.js";
import type { GameEntry } from "../game/registry.js";
import { RoomList, isFull, playerCountText, type ListedRoom } from "./room-list.js";

/** Read-only lobby hook for tests: window.__lobby. */
export interface LobbyHook {
  /** True once the room list is shown and its buttons work (the first `rooms` message, or the lobby failed). */
  ready: boolean;
  /** performance.now() when `ready` turned true, ms (the first page's time to interactive; docs/performance.md). */
  readyAtMs: number;
  rooms(): ListedRoom[];
  /** Times the live list arrived from a lobby connection (1 after the first; more after reconnects). */
  lobbyJoins: number;
}

/** The first wait before joining the lobby again after its connection was lost or refused. */
const LOBBY_RETRY_FIRST_MS = 1000;
/** The longest wait between two attempts (the wait doubles from LOBBY_RETRY_FIRST_MS). */
const LOBBY_RETRY_MAX_MS = 10_000;

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
  const hook: LobbyHook = { ready: false, readyAtMs: 0, lobbyJoins: 0, rooms: () => games.flatMap((g) => list.ofType(g.roomName)) };
  window.__lobby = hook;

  const page = el("main", { class: "lobby" });
  page.append(el("h1", {}, "Colyseus Netcode Arena"));
  page.append(el("p", { class: "tagline" }, "Authoritative server, client-side prediction, interpolation and lag compensation."));
  const nameRow = el("label", { class: "name-row" }, "Your name ");
  // No maxlength: it counts UTF-16 units, which would cut an emoji in half. The limit is in
  // visible characters (grapheme clusters), as the server counts them (shared sanitizeName).
  const nameInput = el("input", {
    id: "player-name", value: cutToGraphemes(initialName, MAX_NAME_LENGTH), autocomplete: "nickname",
    placeholder: `up to ${MAX_NAME_LENGTH} characters`, "aria-describedby": "name-count",
  });
  const nameCount = el("span", { id: "name-count", class: "name-count", "aria-live": "polite" });
  const showCount = (): void => {
    if (graphemeCount(nameInput.value) > MAX_NAME_LENGTH) nameInput.value = cutToGraphemes(nameInput.value, MAX_NAME_LENGTH);
    const used = graphemeCount(nameInput.value);
    nameCount.textContent = `${used} / ${MAX_NAME_LENGTH}`;
    nameCount.classList.toggle("at-limit", used >= MAX_NAME_LENGTH);
  };
  nameInput.addEventListener("input", showCount);
  showCount();
  nameRow.append(nameInput, nameCount);
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
  /** Per game: the field that shows a room's link when the clipboard is unavailable (kept out of the table, which re-renders live). */
  const shareFields = new Map<string, HTMLInputElement>();
  /** The room whose link was copied or shown last, and which: kept across the live re-renders of the table. */
  let shared: { roomId: string; outcome: CopyOutcome } | null = null;
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
    const share = el("input", { class: "share-link", readonly: "", "aria-label": "Room link: copy it to invite a friend" });
    share.hidden = true;
    card.append(table, share);
    tables.set(game.roomName, body);
    shareFields.set(game.roomName, share);
    cards.append(card);
  }

  const render = (): void => {
    for (const game of games) {
      const body = tables.get(game.roomName)!;
      const rows = list.ofType(game.roomName).map((room) => {
        const tr = el("tr", { "data-room-id": room.roomId });
        tr.append(el("td", { class: "room-id" }, room.roomId), el("td", { class: "players" }, playerCountText(room)));
        const actions = el("td");
        const join = el("button", { class: "join" }, isFull(room) ? "Full" : "Join");
        join.toggleAttribute("disabled", isFull(room));
        if (isFull(room)) join.title = ROOM_FULL_TEXT;
        join.addEventListener("click", () => go(`?type=${encodeURIComponent(room.name)}&room=${encodeURIComponent(room.roomId)}`));
        // Watching needs no player seat: a full room can be watched too (the room's spectator seats are apart).
        const watch = el("button", { class: "watch" }, "Watch");
        watch.title = "Watch this room without playing";
        watch.addEventListener("click", () => go(`?room=${encodeURIComponent(room.roomId)}&watch`));
        const outcome = shared?.roomId === room.roomId ? shared.outcome : null;
        const copy = el("button", { class: "copy-link" }, outcome === "copied" ? "Copied" : outcome === "shown" ? "Copy it below" : "Copy link");
        copy.addEventListener("click", () => {
          for (const field of shareFields.values()) field.hidden = true;
          void copyOrShowLink(roomLink(window.location.origin, room.name, room.roomId), shareFields.get(game.roomName)!).then((result) => {
            shared = { roomId: room.roomId, outcome: result };
            render();
          });
        });
        actions.append(join, watch, copy);
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
  // The live list comes from Colyseus's LobbyRoom. When that connection is lost (a server restart,
  // a network drop) the list is kept on screen, marked stale, and the page joins the lobby again
  // with back-off until it answers: its first `rooms` message replaces the stale list.
  let retryMs = LOBBY_RETRY_FIRST_MS;
  const connect = (): void => {
    client.joinOrCreate("lobby").then(
      (lobby: Room) => {
        retryMs = LOBBY_RETRY_FIRST_MS;
        lobby.onMessage("rooms", (rooms: ListedRoom[]) => {
          list.replaceAll(rooms);
          status.textContent = "Rooms update live.";
          render();
          if (!hook.ready) hook.readyAtMs = performance.now();
          hook.ready = true;
          hook.lobbyJoins++;
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
          status.textContent = "Lost the live room list; reconnecting… (the rooms shown may be out of date)";
          retryLater();
        });
      },
      (err: unknown) => {
        const retrying = hook.ready ? "reconnecting…" : "retrying…";
        status.textContent = `No live room list: ${describeJoinFailure(err).text} Quick play still works; ${retrying}`;
        if (!hook.ready) hook.readyAtMs = performance.now();
        hook.ready = true;
        retryLater();
      },
    );
  };
  const retryLater = (): void => {
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, LOBBY_RETRY_MAX_MS);
  };
  connect();
}

import Phaser from "phaser";
import { REJOIN_GIVE_UP_MS, retryJoin } from "@arena/shared";
import { describeJoinFailure, type RoomGone } from "../../net/index.js";
import { roomLink, watchLink, type JoinTarget, type LaunchOptions } from "./launch-options.js";
import { hideRetryButton, showRejoinNotice, showRetryButton } from "./rejoin-notice.js";
import { rejoinGaveUpText, rejoinRetryText, rejoinWaitingText, rejoinedText } from "./rejoin-texts.js";
import type { GameHook } from "./test-hook.js";
import { uiText } from "./ui-style.js";

/** How the connect scene reaches the game it joins (kept abstract to avoid an import cycle with the registry). */
export interface ConnectTarget {
  label: string;
  sceneKey: string;
  target: JoinTarget;
  connect(options: LaunchOptions, target: JoinTarget): Promise<unknown>;
  /** A fresh instance of the game's scene (a rejoined room gets a new one: nothing carried over from the old room). */
  createScene(): Phaser.Scene | Promise<Phaser.Scene>;
}

/** What the connect scene is (re)started with: nothing for the first join; `rejoin` after the game's room was lost. */
export interface ConnectSceneData {
  rejoin?: RoomGone;
}

/** The part of a game connection (GameConnection) the connect scene uses. */
interface JoinedGame {
  room?: { roomId?: string };
  onRoomGone?(listener: (gone: RoomGone) => void): void;
}

/**
 * First scene: shows "Connecting…", joins, then hands over to the game's scene (or shows why it
 * could not). When the game's room is lost for good (a server restart or crash: the connection
 * reports `onRoomGone`), it takes over again: stops the game scene, and joins a new room of the
 * same type by quick play under the same name, retrying with back-off for up to REJOIN_GIVE_UP_MS
 * (then a "Try again" button), telling the player in words what is going on.
 */
export class ConnectScene extends Phaser.Scene {
  private status!: Phaser.GameObjects.Text;
  private rejoin: RoomGone | undefined;
  /** Bumped each time the scene starts: a rejoin loop of an earlier start stops. */
  private generation = 0;

  constructor(private readonly options: LaunchOptions, private readonly hook: GameHook, private readonly entry: ConnectTarget) {
    super("connect");
  }

  init(data: ConnectSceneData | undefined): void {
    this.rejoin = data?.rejoin;
  }

  create(): void {
    this.generation++;
    this.status = this.add.text(0, 0, `Joining ${this.entry.label}…`, uiText(22)).setOrigin(0.5).setAlign("center");
    this.center();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.center, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, this.center, this);
      this.generation++;
      hideRetryButton();
    });
    if (this.rejoin) {
      void this.rejoinRoom(this.rejoin);
      return;
    }
    this.entry.connect(this.options, this.entry.target).then(
      (conn) => void this.play(conn, null),
      (err: unknown) => {
        // Each text says what happened and what to do next; only a join that got no answer at
        // all suggests the server may be down (see describeJoinFailure).
        const { text, serverAnswered } = describeJoinFailure(err);
        // A refusal is expected (a full room, a quota): a warning, not an error.
        if (serverAnswered) console.warn(`[game] could not join: ${text}`, err);
        else console.error(`[game] could not join: ${text}`, err);
        this.hook.status = "error";
        this.hook.message = text;
        this.status.setText(`Could not join ${this.entry.label}:\n${text}`);
        this.status.setColor("#ff8a7a");
      },
    );
  }

  /** Hand over to the game scene with a joined connection, and be ready to take over when its room is lost. */
  private async play(conn: unknown, rejoined: RoomGone | null): Promise<void> {
    this.showShareableUrl(conn);
    (conn as JoinedGame).onRoomGone?.((gone) => this.takeOver(gone));
    const data = { conn, hook: this.hook };
    const scenes = this.game.scene;
    const key = this.entry.sceneKey;
    if (!scenes.getScene(key)) {
      // Rejoined: the old instance was removed (takeOver); a fresh one starts with the new room.
      scenes.add(key, await this.entry.createScene(), false);
    }
    this.scene.start(key, data);
    if (rejoined) {
      const text = rejoinedText(rejoined);
      console.info(`[game] ${text}`);
      showRejoinNotice(text);
    }
  }

  /** The game's room is gone: stop (and drop) its scene and rejoin from here. */
  private takeOver(gone: RoomGone): void {
    const scenes = this.game.scene;
    scenes.stop(this.entry.sceneKey);
    scenes.remove(this.entry.sceneKey);
    scenes.start("connect", { rejoin: gone } satisfies ConnectSceneData);
  }

  /** Quick-play into a room of the same type, retrying with back-off; a "Try again" button after REJOIN_GIVE_UP_MS. */
  private async rejoinRoom(gone: RoomGone): Promise<void> {
    const generation = this.generation;
    const label = this.entry.label;
    // A spectator watches the same room again (a new seat), never joins one as a player.
    const was = this.entry.target;
    const target: JoinTarget = was.kind === "watch" ? { kind: "watch", roomName: was.roomName, roomId: was.roomId } : { kind: "quick", roomName: was.roomName };
    this.hook.ready = false;
    this.setRejoinStatus(rejoinWaitingText(gone, label));
    console.info(`[game] room lost (${gone.reason}); rejoining ${target.roomName} in ${gone.waitMs} ms`);
    const conn = await retryJoin(async () => {
      this.setRejoinStatus(`Joining a new ${label} room…`);
      return this.entry.connect(this.options, target);
    }, {
      firstWaitMs: gone.waitMs,
      giveUpMs: gone.waitMs + REJOIN_GIVE_UP_MS,
      stopped: () => generation !== this.generation,
      onFailure: ({ err, kind, attempt, nextDelayMs }) => {
        this.setRejoinStatus(rejoinRetryText(kind, attempt, nextDelayMs, label));
        // Expected while the server is down: a warning, and only now and then (not one per attempt).
        if (attempt === 1 || attempt % 10 === 0) console.warn(`[game] rejoin attempt ${attempt} failed (${kind}): ${describeJoinFailure(err).text}; retrying`);
      },
    });
    if (generation !== this.generation) {
      // The scene moved on while the last attempt ran: do not keep a seat nobody plays.
      void (conn as { room?: { leave?(consented: boolean): Promise<unknown> } } | null)?.room?.leave?.(true);
      return;
    }
    if (conn) return this.play(conn, gone);
    const text = rejoinGaveUpText(REJOIN_GIVE_UP_MS);
    console.warn(`[game] rejoin gave up after ${Math.round(REJOIN_GIVE_UP_MS / 1000)} s`);
    this.status.setText(text);
    this.status.setColor("#ff8a7a");
    this.hook.status = "disconnected";
    this.hook.message = text;
    showRetryButton(() => {
      if (generation === this.generation) void this.rejoinRoom({ ...gone, waitMs: 0 });
    });
  }

  private setRejoinStatus(text: string): void {
    this.status.setText(text);
    this.status.setColor("#ffd27a");
    this.hook.status = "reconnecting";
    this.hook.message = text.replace(/\n/g, " ");
  }

  /** Put the joined room's link in the address bar, so copying it invites a friend to this room. */
  private showShareableUrl(conn: unknown): void {
    const roomId = (conn as JoinedGame).room?.roomId;
    if (!roomId) return;
    const link = new URL(this.entry.target.kind === "watch" ? watchLink(window.location.origin, roomId) : roomLink(window.location.origin, this.entry.target.roomName, roomId));
    const params = new URLSearchParams(window.location.search);
    for (const keep of ["lag", "jitter", "bw", "debug"]) {
      const value = params.get(keep);
      if (value !== null) link.searchParams.set(keep, value);
    }
    window.history.replaceState(null, "", `${link.pathname}${link.search}`);
  }

  private center(): void {
    this.status.setPosition(this.scale.width / 2, this.scale.height / 2);
  }
}

import Phaser from "phaser";
import { describeConnectError } from "./connection.js";
import { roomLink, type JoinTarget, type LaunchOptions } from "./launch-options.js";
import type { GameHook } from "./test-hook.js";
import { uiText } from "./ui-style.js";

/** How the connect scene reaches the game it joins (kept abstract to avoid an import cycle with the registry). */
export interface ConnectTarget {
  label: string;
  sceneKey: string;
  target: JoinTarget;
  connect(options: LaunchOptions, target: JoinTarget): Promise<unknown>;
}

/** First scene: shows "Connecting…", joins, then hands over to the game's scene (or shows why it could not). */
export class ConnectScene extends Phaser.Scene {
  private status!: Phaser.GameObjects.Text;

  constructor(private readonly options: LaunchOptions, private readonly hook: GameHook, private readonly entry: ConnectTarget) {
    super("connect");
  }

  create(): void {
    this.status = this.add.text(0, 0, `Joining ${this.entry.label}…`, uiText(22)).setOrigin(0.5).setAlign("center");
    this.center();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.center, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.scale.off(Phaser.Scale.Events.RESIZE, this.center, this));
    this.entry.connect(this.options, this.entry.target).then(
      (conn) => {
        this.showShareableUrl(conn);
        this.scene.start(this.entry.sceneKey, { conn, hook: this.hook });
      },
      (err: unknown) => {
        const reason = describeConnectError(err);
        console.error(`[game] could not join: ${reason}`, err);
        this.hook.status = "error";
        this.hook.message = reason;
        // A refusal with a code came from the server, which is running: its text says what to do.
        const refused = typeof (err as { code?: unknown } | null)?.code === "number";
        const next = refused ? "Go back to the lobby, or reload the page." : "Is the server running? Reload the page, or go back to the lobby.";
        this.status.setText(`Could not join ${this.entry.label}:\n${reason}\n\n${next}`);
        this.status.setColor("#ff8a7a");
      },
    );
  }

  /** Put the joined room's link in the address bar, so copying it invites a friend to this room. */
  private showShareableUrl(conn: unknown): void {
    const roomId = (conn as { room?: { roomId?: string } }).room?.roomId;
    if (!roomId) return;
    const link = new URL(roomLink(window.location.origin, this.entry.target.roomName, roomId));
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

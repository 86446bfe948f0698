import Phaser from "phaser";
import { connectArena, describeConnectError } from "./arena/connect.js";
import type { ArenaSceneData } from "./arena/arena-scene.js";
import type { LaunchOptions } from "./launch-options.js";
import type { GameHook } from "./test-hook.js";
import { uiText } from "./arena/ui-style.js";

/** First scene: shows "Connecting…", joins the arena, then hands over to the arena scene (or shows why it could not). */
export class ConnectScene extends Phaser.Scene {
  private status!: Phaser.GameObjects.Text;

  constructor(private readonly options: LaunchOptions, private readonly hook: GameHook) {
    super("connect");
  }

  create(): void {
    this.status = this.add.text(0, 0, "Connecting…", uiText(22)).setOrigin(0.5).setAlign("center");
    this.center();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.center, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.scale.off(Phaser.Scale.Events.RESIZE, this.center, this));
    connectArena(this.options).then(
      (conn) => {
        const data: ArenaSceneData = { conn, hook: this.hook };
        this.scene.start("arena", data);
      },
      (err: unknown) => {
        const reason = describeConnectError(err);
        console.error(`[arena] could not join: ${reason}`, err);
        this.hook.status = "error";
        this.hook.message = reason;
        this.status.setText(`Could not join the arena:\n${reason}\n\nIs the server running? Reload the page to try again.`);
        this.status.setColor("#ff8a7a");
      },
    );
  }

  private center(): void {
    this.status.setPosition(this.scale.width / 2, this.scale.height / 2);
  }
}

import { TokenBucket } from "./token-bucket.js";

/** Per-client limits. Rates per second. */
export interface ClientGuardOptions {
  /** Messages of any type a client may send per second on average. */
  messagesPerSec: number;
  /** Burst allowance above the average rate. */
  messageBurst: number;
  /** Strikes (rejected messages) allowed in a burst before a kick; they heal at `strikeHealPerSec`. */
  maxStrikes: number;
  strikeHealPerSec: number;
  /** Error replies sent per second at most (the rest are only counted, so errors cannot amplify a flood). */
  errorRepliesPerSec: number;
}

export const DEFAULT_CLIENT_GUARD: ClientGuardOptions = {
  messagesPerSec: 90,
  messageBurst: 60,
  maxStrikes: 30,
  strikeHealPerSec: 1,
  errorRepliesPerSec: 5,
};

/** Rate limit and abuse accounting for one connected client. */
export class ClientGuard {
  private readonly messages: TokenBucket;
  private readonly strikes: TokenBucket;
  private readonly errorReplies: TokenBucket;
  rejected = 0;

  constructor(options: ClientGuardOptions, now?: () => number) {
    this.messages = new TokenBucket(options.messageBurst, options.messagesPerSec, now);
    this.strikes = new TokenBucket(options.maxStrikes, options.strikeHealPerSec, now);
    this.errorReplies = new TokenBucket(options.errorRepliesPerSec, options.errorRepliesPerSec, now);
  }

  /** Admit one incoming message under the rate limit. */
  admit(): boolean {
    return this.messages.take();
  }

  /** Count a rejected message. Returns true when the client has used up its strikes and should be kicked. */
  strike(): boolean {
    this.rejected++;
    return !this.strikes.take();
  }

  /** Whether an error reply may be sent now. */
  mayReply(): boolean {
    return this.errorReplies.take();
  }
}

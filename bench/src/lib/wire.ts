/**
 * What a message costs below the WebSocket payload. Server-to-client frames are unmasked:
 * 2 header bytes up to 125 payload bytes, 4 up to 65535. Each message is one TCP segment here
 * (all are under the MSS); IPv4 + TCP with timestamps add 52 bytes per segment. ACKs, Ethernet
 * framing and TLS are left out, so "IP bytes" is a floor, not a ceiling.
 */
export const TCP_IP_HEADER_BYTES = 52;

/** WebSocket frame header bytes for a server-to-client payload of `payloadBytes`. */
export function wsHeaderBytes(payloadBytes: number): number {
  return payloadBytes < 126 ? 2 : payloadBytes < 65536 ? 4 : 10;
}

/** Byte counts of one direction of one connection. */
export class ByteMeter {
  messages = 0;
  payloadBytes = 0;
  /** Payload plus WebSocket frame headers (what permessage-deflate would shrink, before compression). */
  frameBytes = 0;

  add(payloadBytes: number): void {
    this.messages++;
    this.payloadBytes += payloadBytes;
    this.frameBytes += payloadBytes + wsHeaderBytes(payloadBytes);
  }

  /** Frame bytes plus TCP/IP headers (one segment per message). */
  get ipBytes(): number {
    return this.frameBytes + TCP_IP_HEADER_BYTES * this.messages;
  }

  reset(): void {
    this.messages = 0;
    this.payloadBytes = 0;
    this.frameBytes = 0;
  }
}

import { SLOT_BANK_SIZE, readSlot, type SlotBank } from "./slot-bank.js";

/**
 * Compact poses: a room type declares which numeric fields of one synced collection go on the
 * wire packed into one uint32 word per entity (in a SlotBank, see slot-bank.ts for why a bank),
 * and the framework does the rest. The server (TickRoom's `posePacking`) gives each entity a
 * slot, writes every word once per patch and once more when a client joins; every client
 * (NetSession, bots, tests: `unpackPoses`/`followPoses`) writes the values back into plain fields
 * of the decoded entities, so everything reads `entity.x`, `entity.y` on both sides.
 *
 * What the entity's schema declares itself (the packed fields themselves are NOT synced; they are
 * plain numbers the server's simulation writes):
 * - `@type("uint8") slot = 0;` its slot in the bank (set by the framework);
 * - when a field has `exactStepsPerUnit`: `@view(OWNER_VIEW_TAG) @type("uint8") fine = 0;` what
 *   the word's rounding took off, sent to the owner alone, so the owner's client rebuilds its exact
 *   simulated value and reconciles bit for bit, while everyone else gets the rounded value.
 * And the state declares the bank: `@type(SlotBank) poses = new SlotBank();` (one bank holds
 * SLOT_BANK_SIZE entities).
 */
export interface PackedFieldSpec {
  /** The entity's plain numeric field, e.g. "x". Values from 0 to `maxOf(field)`; larger ones are clamped. */
  readonly name: string;
  /** Bits of the word this field takes (all fields together at most 32). */
  readonly bits: number;
  /** Wire steps per unit, e.g. 2 for x in 1/2 px. Default 1 (whole numbers, e.g. an angle byte). */
  readonly stepsPerUnit?: number;
  /**
   * The simulation's own grid when it is finer than the wire's (e.g. 16 for 1/16 px): a power of
   * two multiple of `stepsPerUnit`. The remainder goes to the owner in `fine`. All fields'
   * remainders together take at most 8 bits.
   */
  readonly exactStepsPerUnit?: number;
}

export interface PosePackingSpec {
  /** The state's MapSchema field holding the entities, e.g. "players". */
  readonly collection: string;
  /** The state's SlotBank field holding the words, e.g. "poses". */
  readonly bank: string;
  readonly fields: readonly PackedFieldSpec[];
}

/** One field's layout, computed once. */
interface FieldLayout {
  readonly name: string;
  readonly shift: number;
  readonly mask: number;
  readonly stepsPerUnit: number;
  /** Steps of the exact grid (stepsPerUnit when there is no finer grid). */
  readonly exactSteps: number;
  /** log2(exactSteps / stepsPerUnit): bits of remainder in `fine`. */
  readonly fineBits: number;
  readonly fineShift: number;
  /** Largest value in exact steps that rounds to a word value within `mask`. */
  readonly maxExactSteps: number;
}

/** A checked PosePackingSpec with its layout (make one with `definePosePacking`). */
export interface PosePacking extends PosePackingSpec {
  /** Whether any field sends a remainder to the owner (the entity then needs `fine`). */
  readonly hasFine: boolean;
  /** @internal */
  readonly layout: readonly FieldLayout[];
}

/** Something with the packed fields as plain numbers, and a slot (and `fine` when the packing has one). */
type PackedEntity = Record<string, unknown> & { slot: number; fine?: number | undefined };

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;

/** Check a spec and compute its layout. Throws on a layout that does not fit (at module load: a room type's bug). */
export function definePosePacking(spec: PosePackingSpec): PosePacking {
  let shift = 0;
  let fineShift = 0;
  const layout = spec.fields.map((f): FieldLayout => {
    const stepsPerUnit = f.stepsPerUnit ?? 1;
    const exactSteps = f.exactStepsPerUnit ?? stepsPerUnit;
    if (!Number.isInteger(f.bits) || f.bits < 1) throw new Error(`packed field ${f.name}: bits must be a whole number >= 1`);
    if (!(stepsPerUnit > 0)) throw new Error(`packed field ${f.name}: stepsPerUnit must be > 0`);
    const ratio = exactSteps / stepsPerUnit;
    if (!isPowerOfTwo(ratio)) throw new Error(`packed field ${f.name}: exactStepsPerUnit must be a power of two multiple of stepsPerUnit`);
    const fineBits = Math.round(Math.log2(ratio));
    const mask = f.bits === 32 ? 0xffffffff : (1 << f.bits) - 1;
    const half = fineBits > 0 ? 1 << (fineBits - 1) : 0;
    const field: FieldLayout = {
      name: f.name, shift, mask, stepsPerUnit, exactSteps, fineBits, fineShift,
      maxExactSteps: fineBits > 0 ? mask * ratio + half - 1 : mask,
    };
    shift += f.bits;
    fineShift += fineBits;
    return field;
  });
  if (shift > 32) throw new Error(`pose packing of ${spec.collection}: ${shift} bits do not fit a 32-bit word`);
  if (fineShift > 8) throw new Error(`pose packing of ${spec.collection}: ${fineShift} remainder bits do not fit the 8-bit fine field`);
  return { ...spec, hasFine: fineShift > 0, layout };
}

/** Largest value a packed field carries exactly (in its own units). */
export function packedFieldMax(packing: PosePacking, name: string): number {
  const f = packing.layout.find((l) => l.name === name);
  if (!f) throw new Error(`no packed field ${name}`);
  return f.mask / f.stepsPerUnit;
}

/** A value in steps of the field's exact grid, clamped to what the word carries. */
function exactStepsOf(f: FieldLayout, value: number): number {
  return Math.min(f.maxExactSteps, Math.max(0, Math.round(value * f.exactSteps)));
}

/** Nearest wire step of a value given in exact steps. */
function coarseOf(f: FieldLayout, exact: number): number {
  return f.fineBits > 0 ? (exact + (1 << (f.fineBits - 1))) >> f.fineBits : exact;
}

/** Scratch for packWord / packFine (one pose at a time: neither keeps it). */
const scratchPose: PackedPose = { word: 0, fine: 0 };

/** Server: the shared word of an entity's packed fields (read from its plain fields). */
export function packWord(packing: PosePacking, entity: Record<string, unknown>): number {
  return packPose(packing, entity, scratchPose).word;
}

/** Server: the owner-only remainder byte of an entity's packed fields (0 when none has a finer grid). */
export function packFine(packing: PosePacking, entity: Record<string, unknown>): number {
  return packPose(packing, entity, scratchPose).fine;
}

/** Where `packPose` leaves an entity's word and remainder byte. */
export interface PackedPose {
  word: number;
  fine: number;
}

/**
 * Server: `packWord` and `packFine` of an entity in one pass over its fields (each value rounded
 * once), into `out`. The framework's PoseBank runs it for every entity before every patch.
 */
export function packPose(packing: PosePacking, entity: Record<string, unknown>, out: PackedPose): PackedPose {
  let word = 0;
  let fine = 0;
  const layout = packing.layout;
  for (let i = 0; i < layout.length; i++) {
    const f = layout[i]!;
    const exact = exactStepsOf(f, entity[f.name] as number);
    const coarse = coarseOf(f, exact);
    word |= coarse << f.shift;
    if (f.fineBits > 0) fine |= ((exact - (coarse << f.fineBits)) & ((1 << f.fineBits) - 1)) << f.fineShift;
  }
  out.word = word >>> 0;
  out.fine = fine;
  return out;
}

/**
 * Write a word's values into `out`'s plain fields: exact with the owner's `fine` byte, else to
 * the wire's precision. Returns `out`.
 */
export function unpackWord<T extends object>(packing: PosePacking, word: number, fine: number | undefined, out: T): T {
  const target = out as Record<string, unknown>;
  for (const f of packing.layout) {
    const coarse = (word >>> f.shift) & f.mask;
    if (f.fineBits === 0) {
      target[f.name] = coarse / f.stepsPerUnit;
      continue;
    }
    let r = 0;
    if (fine !== undefined) {
      const bits = (fine >> f.fineShift) & ((1 << f.fineBits) - 1);
      r = bits >= 1 << (f.fineBits - 1) ? bits - (1 << f.fineBits) : bits;
    }
    target[f.name] = ((coarse << f.fineBits) + r) / f.exactSteps;
  }
  return out;
}

/** The decoded state's collection and bank, as a client sees them. */
interface DecodedPosesState {
  [field: string]: unknown;
}
interface DecodedCollection {
  forEach(cb: (entity: PackedEntity, id: string) => void): void;
}

/**
 * Client: write every decoded entity's packed values into its plain fields (`entity.x` ...):
 * exact for the entity whose owner this client is (it receives `fine`), to the wire's precision
 * for the rest. Entities whose word has not arrived yet are left alone. Cheap (a few shifts per
 * entity); call it after each patch, before anything reads the entities (NetSession does; a
 * headless client uses `followPoses`). Never on the server: it would overwrite the simulation.
 */
export function unpackPoses(packing: PosePacking, state: DecodedPosesState | undefined): void {
  const collection = state?.[packing.collection] as DecodedCollection | undefined;
  if (!collection) return;
  const bank = state![packing.bank] as SlotBank | undefined;
  collection.forEach((entity) => {
    const word = readSlot(bank, entity.slot);
    if (word !== undefined) unpackWord(packing, word, entity.fine, entity);
  });
}

/** The part of a colyseus.js Room that `followPoses` needs. */
export interface PoseFollowedRoom {
  readonly state: unknown;
  onStateChange(cb: (state: unknown) => void): unknown;
}

/**
 * Client without a NetSession (bots, tools, tests): unpack the room's poses now and after every
 * patch, so its decoded entities carry plain packed fields. Call once per joined room object
 * (again after a reconnect, which gives a new one).
 */
export function followPoses(room: PoseFollowedRoom, packing: PosePacking): void {
  unpackPoses(packing, room.state as DecodedPosesState);
  room.onStateChange((state) => unpackPoses(packing, state as DecodedPosesState));
}

/** How many entities one bank holds. */
export const POSE_BANK_SLOTS = SLOT_BANK_SIZE;

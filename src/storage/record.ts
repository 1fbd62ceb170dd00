/**
 * The consent record and its cookie codec. Pure: no DOM, no clock (times are passed in).
 *
 * Anyone can edit a first-party cookie, so decoding trusts nothing: every field is checked
 * for type, range and consistency, and anything odd makes the whole record "no consent".
 */
import { ID, isToken, WORD } from '../util/chars';

/** How a choice was made (SPEC §3). */
export type ConsentSource = 'banner' | 'preferences' | 'api' | 'dnt' | 'gpc';
export const SOURCES: readonly ConsentSource[] = ['banner', 'preferences', 'api', 'dnt', 'gpc'];

export interface ConsentRecord {
  id: string;
  revision: string;
  /** ms since epoch; null when only the AI notice was acknowledged and no choice made yet */
  givenAt: number | null;
  expiresAt: number;
  categories: Record<string, boolean>;
  source: ConsentSource | null;
  /** short hash of the texts and config the visitor saw (proof of what was agreed to) */
  textsHash: string;
  aiAcknowledgedAt: number | null;
}

/** Browsers cap one cookie at 4096 bytes; a longer value was not written by us. */
export const MAX_RAW_LENGTH = 3500;
const DAY = 86_400_000;
const MAX_AGE_MS = 395 * DAY;
// Checked without regular expressions (src/util/chars.ts): a return visit decodes the record
// before its gated scripts run.
/** /^[A-Za-z0-9_-]{8,64}$/ */
const isId = (s: string) => isToken(s, `${WORD}--`, 8, 64);
/** /^[a-z][a-z0-9_-]{0,39}$/ */
const isCategory = (s: string) => isToken(s, ID, 1, 40, 'az');

interface Wire {
  v: 1;
  id: string;
  r: string;
  e: number;
  g?: number;
  c?: Record<string, 0 | 1>;
  s?: ConsentSource;
  h?: string;
  a?: number;
}

/** Serialises a record for the cookie: compact JSON with short keys. */
export function encodeRecord(rec: ConsentRecord): string {
  const wire: Wire = { v: 1, id: rec.id, r: rec.revision, e: rec.expiresAt };
  if (rec.givenAt !== null && rec.source !== null) {
    wire.g = rec.givenAt;
    wire.s = rec.source;
    wire.h = rec.textsHash;
    wire.c = {};
    for (const [k, on] of Object.entries(rec.categories)) wire.c[k] = on ? 1 : 0;
  }
  if (rec.aiAcknowledgedAt !== null) wire.a = rec.aiAcknowledgedAt;
  return JSON.stringify(wire);
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * Parses a cookie value into a record, or null for anything that is not exactly what
 * {@link encodeRecord} writes. Never throws.
 */
export function decodeRecord(raw: unknown): ConsentRecord | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RAW_LENGTH) return null;
  let w: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    // Own fields only, on an object with no prototype: with Object.prototype polluted (a
    // vulnerable library on the page, `?__proto__[c][analytics]=1`), a missing `c` or `g`
    // would otherwise be read from the prototype and grant what the visitor never chose.
    w = Object.assign(Object.create(null) as Record<string, unknown>, parsed);
  } catch {
    return null;
  }
  const allowed = ['v', 'id', 'r', 'e', 'g', 'c', 's', 'h', 'a'];
  if (Object.keys(w).some((k) => !allowed.includes(k))) return null;
  if (w.v !== 1 || typeof w.id !== 'string' || !isId(w.id)) return null;
  if (typeof w.r !== 'string' || !isToken(w.r, `${WORD}..--`, 1, 40) || !isTime(w.e)) return null;
  const aiAcknowledgedAt = w.a === undefined ? null : isTime(w.a) ? w.a : undefined;
  if (aiAcknowledgedAt === undefined) return null;

  const decided = w.g !== undefined || w.c !== undefined || w.s !== undefined || w.h !== undefined;
  if (!decided) {
    return { id: w.id, revision: w.r, givenAt: null, expiresAt: w.e, categories: {}, source: null, textsHash: '', aiAcknowledgedAt };
  }
  if (!isTime(w.g) || w.e <= w.g || w.e - w.g > MAX_AGE_MS) return null;
  if (typeof w.s !== 'string' || !(SOURCES as readonly string[]).includes(w.s)) return null;
  if (typeof w.h !== 'string' || !isToken(w.h, 'az09', 1, 16)) return null;
  if (typeof w.c !== 'object' || w.c === null || Array.isArray(w.c)) return null;
  const categories: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(w.c as Record<string, unknown>)) {
    if (!isCategory(k) || (v !== 0 && v !== 1)) return null;
    categories[k] = v === 1;
  }
  return {
    id: w.id,
    revision: w.r,
    givenAt: w.g,
    expiresAt: w.e,
    categories,
    source: w.s as ConsentSource,
    textsHash: w.h,
    aiAcknowledgedAt,
  };
}

/** What a record must match to still count on this page view. */
export interface Currency {
  revision: string;
  now: number;
  maxAgeDays: number;
}

/**
 * A record counts only for the current revision, before its expiry, within the current
 * `consentMaxAgeDays` (a shortened maximum applies to old records too), and not from the
 * future (a clock more than a day ahead means the record was forged or the clock is wrong).
 */
export function isCurrent(rec: ConsentRecord, { revision, now, maxAgeDays }: Currency): boolean {
  if (rec.revision !== revision || now >= rec.expiresAt) return false;
  const start = rec.givenAt ?? rec.expiresAt - maxAgeDays * DAY;
  if (start > now + DAY) return false;
  return now < start + maxAgeDays * DAY;
}

/** FNV-1a, 32 bit, base 36: a short stable fingerprint, not a security measure. */
export function shortHash(input: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** A random consent id: 128 bits from the platform's CSPRNG where there is one. */
export function newConsentId(): string {
  const bytes = new Uint8Array(16);
  try {
    crypto.getRandomValues(bytes);
  } catch {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export { DAY };

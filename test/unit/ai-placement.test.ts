import { describe, expect, it } from 'vitest';
import { besideSurface, besideWidth, type Box, contactHref, contentKind, placeInside } from '../../src/ai/placement';

describe('contentKind()', () => {
  it('reads "assisted" and "modified" (any case, trimmed) as AI-modified', () => {
    expect(contentKind('assisted')).toBe('assisted');
    expect(contentKind(' Assisted ')).toBe('assisted');
    expect(contentKind('modified')).toBe('assisted');
    expect(contentKind('MODIFIED ')).toBe('assisted');
  });
  it('reads "full", empty, missing and unknown values as AI-generated (disclose more when unsure)', () => {
    for (const v of ['full', '', null, 'yes', 'true', 'assist', 'modified-ish']) expect(contentKind(v)).toBe('generated');
  });
});

describe('placeInside()', () => {
  it('puts notices inside ordinary containers', () => {
    for (const tag of ['DIV', 'section', 'ARTICLE', 'ASIDE', 'LI', 'my-chat']) expect(placeInside(tag, false)).toBe(true);
  });
  it('puts them before void, replaced, interactive and list/table elements', () => {
    for (const tag of ['IMG', 'iframe', 'BUTTON', 'A', 'INPUT', 'TEXTAREA', 'VIDEO', 'UL', 'OL', 'TABLE', 'svg', 'LABEL']) {
      expect(placeInside(tag, false), tag).toBe(false);
    }
  });
  it('puts them before an element with a shadow root (a light-DOM child may never be slotted)', () => {
    expect(placeInside('DIV', true)).toBe(false);
  });
});

describe('contactHref()', () => {
  it('keeps mailto:, http(s) and root-relative contacts', () => {
    for (const v of ['mailto:help@example.com', 'MAILTO:a@b.c', 'https://example.com/review', '/contact']) expect(contactHref(v)).toBe(v);
  });
  it('refuses script and data URLs, protocol-relative and malformed mailto', () => {
    for (const v of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', 'mailto:a b@c', 'mailto:', 'tel:123', undefined]) {
      expect(contactHref(v), String(v)).toBeUndefined();
    }
  });
});

describe('besideWidth()', () => {
  it('is the surface width, at least 280px (a launcher is 56px wide), at most the viewport less 16px', () => {
    expect(besideWidth(320, 1280)).toBe(320);
    expect(besideWidth(56, 1280)).toBe(280);
    expect(besideWidth(56, 290)).toBe(274);
    expect(besideWidth(2000, 1280)).toBe(1264);
  });
});

describe('besideSurface() (issue 5: a notice before a fixed surface landed in page flow, off-screen)', () => {
  const VW = 1280;
  const VH = 720;
  const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, width, right: left + width, bottom: top + height });
  const overlaps = (s: Box, [x, y]: [number, number], w: number, h: number) => x < s.right && s.left < x + w && y < s.bottom && s.top < y + h;

  it('goes right above a bottom-right chat, aligned with its right edge, clear of it', () => {
    const s = box(944, 284, 320, 420);
    const at = besideSurface(s, 320, 140, VW, VH);
    expect(at).toEqual([944, 284 - 6 - 140]);
    expect(overlaps(s, at, 320, 140)).toBe(false);
  });
  it('aligns with the left edge of a surface in the left half, and a wider notice stays in the viewport', () => {
    expect(besideSurface(box(16, 600, 56, 56), 280, 140, VW, VH)).toEqual([16, 600 - 6 - 140]);
    expect(besideSurface(box(1200, 600, 56, 56), 280, 140, VW, VH)).toEqual([1256 - 280, 454]);
    expect(besideSurface(box(1250, 600, 30, 30), 280, 140, VW, VH)[0]).toBe(1000);
  });
  it('goes below when there is no room above', () => {
    const s = box(900, 40, 320, 300);
    expect(besideSurface(s, 320, 140, VW, VH)).toEqual([900, 346]);
  });
  it('goes beside a full-height panel (left of it when there is room, else right), never over it', () => {
    const right = box(880, 0, 400, 720);
    const at = besideSurface(right, 400, 140, VW, VH);
    expect(at).toEqual([880 - 6 - 400, 0]);
    expect(overlaps(right, at, 400, 140)).toBe(false);
    const left = box(0, 10, 400, 700);
    expect(besideSurface(left, 400, 140, VW, VH)).toEqual([406, 10]);
  });
  it('lies over the top of a surface that fills the screen (the input is at its bottom), inside the viewport', () => {
    const s = box(0, -20, 1280, 760);
    const [x, y] = besideSurface(s, 1264, 140, VW, VH);
    expect(y).toBe(0);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + 1264).toBeLessThanOrEqual(VW);
  });
});

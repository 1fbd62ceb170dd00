import { describe, expect, it } from 'vitest';
import { contactHref, contentKind, placeInside } from '../../src/ai/placement';

describe('contentKind()', () => {
  it('reads "assisted" (any case, trimmed) as AI-assisted', () => {
    expect(contentKind('assisted')).toBe('assisted');
    expect(contentKind(' Assisted ')).toBe('assisted');
  });
  it('reads "full", empty, missing and unknown values as AI-generated (disclose more when unsure)', () => {
    for (const v of ['full', '', null, 'yes', 'true', 'assist']) expect(contentKind(v)).toBe('generated');
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

import { isSafeUrl } from '../util/url';

/** What a content label says: `data-ai-generated="assisted"` (or `"modified"`) → modified, anything else → generated. */
export type ContentKind = 'generated' | 'assisted';

/**
 * The kind of an AI-content element from its `data-ai-generated` value. SPEC §5: `"full"` or
 * empty means AI-generated, `"assisted"` (or `"modified"`) made by a person and modified with
 * AI, labelled "AI-modified" as the Code of Practice words it. An unknown value (or an element matched
 * only by a custom `contentSelector`) is labelled AI-generated: when unsure, disclose more.
 */
export function contentKind(value: string | null): ContentKind {
  return /^\s*(assisted|modified)\s*$/i.test(value ?? '') ? 'assisted' : 'generated';
}

// Elements that cannot (or must not) hold a block of text and links as a child: void and
// replaced elements, interactive ones (a link inside a <button> or <a> is invalid HTML,
// WCAG 4.1.2 "nested-interactive") and lists/tables, whose children are restricted.
const NO_CHILD = /^(A|AREA|AUDIO|BUTTON|CANVAS|DL|EMBED|IFRAME|IMG|INPUT|LABEL|OBJECT|OL|PICTURE|SELECT|SVG|TABLE|TBODY|TEXTAREA|THEAD|TR|UL|VIDEO)$/;

/**
 * True when a notice or label goes inside `tagName` as its first child; false when it goes
 * right before it as its previous sibling. An element with a shadow root renders only what
 * its slots take, so a child might never show: it gets the sibling too.
 */
export function placeInside(tagName: string, hasShadowRoot: boolean): boolean {
  return !hasShadowRoot && !NO_CHILD.test(tagName.toUpperCase());
}

/** The human-review contact as an `href`, or undefined when it is neither mailto: nor a safe URL. */
export function contactHref(value: string | undefined): string | undefined {
  return isSafeUrl(value) || (typeof value === 'string' && /^mailto:[^\s<>"]+$/i.test(value)) ? value : undefined;
}

/** A box in viewport pixels (the fields of a DOMRect that placement needs). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
}

// Space between a floating surface and its notice.
const GAP = 6;

/**
 * The width of a notice beside a floating surface: the surface's, but at least 280px (a
 * launcher button is 56px wide; the sentence must stay readable) and never wider than the
 * viewport (WCAG 1.4.10: no horizontal scrolling at 320px).
 */
export function besideWidth(surface: number, viewport: number): number {
  return Math.min(Math.max(surface, 280), viewport - 16);
}

/**
 * Where a chat notice goes, as [x, y] of its top-left corner in viewport pixels, when it
 * cannot be inside its surface and the surface floats (`position: fixed`, `absolute` or
 * `sticky`, as chat widgets do): right next to the surface's box, never over it, so it never
 * covers the chat's input (SPEC §5; COMPLIANCE AI-2). Above the surface when there is room,
 * else below, else beside it; aligned with the surface's edge nearer the screen's edge. Only
 * when nothing fits (a full-screen chat) does it lie over the surface's top, away from the
 * input a chat keeps at its bottom.
 */
export function besideSurface(s: Box, w: number, h: number, vw: number, vh: number): [number, number] {
  const x = Math.max(0, Math.min(s.right > vw / 2 ? s.right - w : s.left, vw - w));
  const y = Math.max(0, Math.min(s.top, vh - h));
  return s.top - GAP - h >= 0
    ? [x, s.top - GAP - h]
    : s.bottom + GAP + h <= vh
      ? [x, s.bottom + GAP]
      : s.left - GAP - w >= 0
        ? [s.left - GAP - w, y]
        : s.right + GAP + w <= vw
          ? [s.right + GAP, y]
          : [x, Math.max(0, s.top)];
}

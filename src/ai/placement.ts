import { isSafeUrl } from '../util/url';

/** What a content label says: `data-ai-generated="assisted"` → assisted, anything else → generated. */
export type ContentKind = 'generated' | 'assisted';

/**
 * The kind of an AI-content element from its `data-ai-generated` value. SPEC §5: `"full"` or
 * empty means AI-generated, `"assisted"` AI-assisted. An unknown value (or an element matched
 * only by a custom `contentSelector`) is labelled AI-generated: when unsure, disclose more.
 */
export function contentKind(value: string | null): ContentKind {
  return value?.trim().toLowerCase() === 'assisted' ? 'assisted' : 'generated';
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

import { h } from 'preact';
import type { ResolvedConfig } from '../config/resolve';
import { isSafeUrl } from '../util/url';

/** The policy links every layer carries. URLs were checked by the schema; checked again here because this is where they become `href`s. */
export function PolicyLinks({ config }: { config: ResolvedConfig }) {
  const { texts } = config;
  const links: [string | undefined, string][] = [
    [config.policyUrl, texts.policyLink],
    [config.cookiePolicyUrl, texts.cookiePolicyLink],
    [config.imprintUrl, texts.imprintLink],
  ];
  return (
    <p class="links">
      {links
        .filter(([url]) => isSafeUrl(url))
        .map(([url, label]) => (
          <a key={url} href={url} target="_blank" rel="noopener">
            {label}
          </a>
        ))}
    </p>
  );
}

import { h, Fragment } from 'preact';
import type { Category } from '../config/resolve';
import type { Texts } from '../i18n/en';
import { isSafeUrl } from '../util/url';

/**
 * A category's services and their cookies (name, provider, purpose, duration), so the
 * visitor knows who gets what and for how long before deciding (CJEU Planet49, C-673/17).
 * Collapsed by default to keep the second layer short; a native `<details>` is keyboard-
 * and screen-reader-operable without script.
 */
export function Services({ category, texts }: { category: Category; texts: Texts }) {
  const { services } = category;
  if (!services.length) return null;
  const heads = [texts.cookieName, texts.cookieProvider, texts.cookiePurpose, texts.cookieDuration];
  const rows = services.flatMap((s) =>
    s.cookies.map((k) => [k.name, s.provider ?? s.name, k.description ?? s.purpose ?? '', k.duration] as const),
  );
  return (
    <details class="services" data-candor="services">
      <summary>
        {texts.services} ({services.length})
      </summary>
      <ul class="svc-list">
        {services.map((s) => (
          <li key={s.name}>
            <strong>{s.name}</strong>
            {s.provider && s.provider !== s.name ? ` · ${s.provider}` : ''}
            {s.purpose ? ` · ${s.purpose}` : ''}
            {isSafeUrl(s.privacyUrl) && (
              <>
                {' · '}
                <a href={s.privacyUrl} target="_blank" rel="noopener">
                  {texts.policyLink}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
      {rows.length > 0 && (
        <table class="cookies">
          <caption class="sr-only">
            {category.label}: {texts.services}
          </caption>
          <thead>
            <tr>
              {heads.map((head) => (
                <th key={head} scope="col">
                  {head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((cell, j) => (
                  <td key={j}>
                    {/* the column's name beside the value where the rows stack (narrow screens);
                        screen readers take it from the header row instead */}
                    <span class="k" aria-hidden="true">
                      {heads[j]}
                    </span>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/**
 * English texts: the reference language. Every other language translates these keys, and
 * site owners may override any of them through `texts` in the config. Texts are always
 * rendered as text, never as HTML.
 */
export const en = {
  bannerTitle: 'We value your privacy',
  bannerText:
    'We use cookies and similar technologies. Some are needed for the site to work; others help us understand how it is used or show relevant ads, and we use those only if you agree. You can change your choice at any time under "Privacy settings".',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  saveChoices: 'Save choices',
  privacySettings: 'Privacy settings',
  preferencesTitle: 'Privacy settings',
  preferencesText:
    'Choose which kinds of cookies and similar technologies we may use. Required ones keep the site working and cannot be switched off.',
  close: 'Close',
  policyLink: 'Privacy policy',
  cookiePolicyLink: 'Cookie policy',
  imprintLink: 'Imprint',
  alwaysOn: 'Always on',
  saved: 'Your choices have been saved.',
  noticeText: 'This site uses only cookies that are needed for it to work.',
  ok: 'OK',
  services: 'Services',
  cookieName: 'Name',
  cookieProvider: 'Provider',
  cookiePurpose: 'Purpose',
  cookieDuration: 'Duration',
  gpcHonored: 'Opt-out preference signal honored',
  dntHonored: 'Your browser asks not to be tracked, so tracking is off.',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  optOutText:
    'We and our partners use cookies and similar technologies to run this site, measure its use and show personalized ads. US state privacy laws may treat this as a "sale" or "sharing" of personal information. You can opt out at any time.',
  optedOut: 'You have opted out of the sale and sharing of your personal information.',
  necessaryLabel: 'Necessary',
  necessaryDescription: 'Needed for the site to work, for example to remember your privacy choices. Always on.',
  preferencesLabel: 'Preferences',
  preferencesDescription: 'Remember settings such as language or region.',
  analyticsLabel: 'Analytics',
  analyticsDescription: 'Help us understand how the site is used, so we can improve it.',
  marketingLabel: 'Marketing',
  marketingDescription: 'Used by us and advertising partners to show relevant ads and measure them.',
  aiLabel: 'AI processing',
  aiDescription: 'Let the AI assistant send your messages to its AI providers to answer you.',
  aiBannerTitle: 'Artificial intelligence on this site',
  aiBannerText: 'Some features of this site use AI systems.',
  aiChatNotice: 'You are chatting with an AI system, not a human.',
  aiProviders: 'AI providers:',
  aiHumanReview: 'Ask for a human to review',
  aiLearnMore: 'Learn more',
  aiGenerated: 'AI-generated',
  aiAssisted: 'AI-modified',
  aiBadge: 'AI',
  aiFeatureChat: 'A chat assistant: you chat with an AI system, not a human. Each chat window says so.',
  aiFeatureContent: 'Content written or edited with AI: it is labelled where it appears.',
};

/** The keys of every translatable string. */
export type TextKey = keyof typeof en;
/** A full set of texts for one language. */
export type Texts = Record<TextKey, string>;

/**
 * What the privacy guard treats as personal data in a string value. Shared with PHP through
 * `npm run docs:tracking` (it copies these sources into the generated PHP catalogue), so keep
 * them to the regular-expression syntax JavaScript and PCRE share, without `/`. Matched
 * case-insensitively anywhere in the value.
 */
export const privacyPatterns = {
	email: '[^\\s@]+@[^\\s@]+\\.[a-z]{2,}',
	payment_card: '(?:[0-9][ -]?){12,18}[0-9]',
	phone: '^\\+?[0-9][0-9\\s().-]{5,18}[0-9]$',
	street_address:
		"\\b[0-9]{1,5}\\s+(?:[a-z0-9.'-]+\\s+){1,4}(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|square|sq|terrace|highway|hwy)\\b",
} as const;

export type PrivacyPatternName = keyof typeof privacyPatterns;

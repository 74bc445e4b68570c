/** Where the guide's documentation links go. */
const DOCS = 'https://woocommerce.com/document/usage-tracking-for-woocommerce/';

export const documentation = {
	termsOfService: `${ DOCS }#terms-of-service`,
	merchantGuidelines: `${ DOCS }#connect-your-account`,
	claimWebsite: `${ DOCS }#claim-your-website`,
	howTrackingWorks: `${ DOCS }#how-tracking-works`,
	dataTerms: `${ DOCS }#what-is-tracked`,
	wooCommerceUsageTracking: 'https://woocommerce.com/usage-tracking/',
} as const;

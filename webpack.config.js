/**
 * One entry per bundle under assets/source/, built into assets/build/ with `*.asset.php` files
 * listing each bundle's WordPress script dependencies. The storefront's add-ons (Mini-Cart,
 * checkout) are bundles of their own, enqueued only on the pages that need them.
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

const source = ( file ) => path.resolve( __dirname, 'assets/source', file );

module.exports = {
	...defaultConfig,
	entry: {
		storefront: source( 'storefront/index.ts' ),
		'storefront-mini-cart': source( 'storefront/mini-cart.ts' ),
		'storefront-checkout': source( 'storefront/checkout.ts' ),
		'setup-guide': source( 'setup-guide/index.tsx' ),
	},
	output: {
		...defaultConfig.output,
		path: path.resolve( __dirname, 'assets/build' ),
	},
};

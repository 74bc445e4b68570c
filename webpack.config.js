/**
 * One entry per bundle under assets/source/, built into assets/build/ with `*.asset.php` files
 * listing each bundle's WordPress script dependencies.
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

module.exports = {
	...defaultConfig,
	entry: {
		storefront: path.resolve(
			__dirname,
			'assets/source/storefront/index.ts'
		),
		'setup-guide': path.resolve(
			__dirname,
			'assets/source/setup-guide/index.tsx'
		),
	},
	output: {
		...defaultConfig.output,
		path: path.resolve( __dirname, 'assets/build' ),
	},
};

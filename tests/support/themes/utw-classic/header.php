<?php
/**
 * Header.
 *
 * @package utw-classic
 */
?><!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo( 'charset' ); ?>">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<?php wp_body_open(); ?>
<header class="site-header">
	<a class="site-title" href="<?php echo esc_url( home_url( '/' ) ); ?>"><?php bloginfo( 'name' ); ?></a>
	<nav>
		<?php if ( function_exists( 'wc_get_page_permalink' ) ) : ?>
			<a href="<?php echo esc_url( wc_get_page_permalink( 'shop' ) ); ?>">Shop</a>
			<a href="<?php echo esc_url( wc_get_cart_url() ); ?>">Cart</a>
			<a href="<?php echo esc_url( wc_get_checkout_url() ); ?>">Checkout</a>
			<a href="<?php echo esc_url( wc_get_page_permalink( 'myaccount' ) ); ?>">My account</a>
		<?php endif; ?>
	</nav>
</header>
<main id="main" class="site-main">

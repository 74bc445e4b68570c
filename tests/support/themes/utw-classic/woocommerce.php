<?php
/**
 * WooCommerce catalogue and product pages (classic templates).
 *
 * @package utw-classic
 */

get_header();
woocommerce_content();
get_footer();

<?php
/**
 * Page template (WooCommerce's cart, checkout and account pages render here).
 *
 * @package utw-classic
 */

get_header();
while ( have_posts() ) {
	the_post();
	?>
	<article id="post-<?php the_ID(); ?>" <?php post_class(); ?>>
		<h1 class="entry-title"><?php the_title(); ?></h1>
		<div class="entry-content"><?php the_content(); ?></div>
	</article>
	<?php
}
get_footer();

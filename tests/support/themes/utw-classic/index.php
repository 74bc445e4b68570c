<?php
/**
 * Fallback template.
 *
 * @package utw-classic
 */

get_header();
if ( have_posts() ) {
	while ( have_posts() ) {
		the_post();
		?>
		<article id="post-<?php the_ID(); ?>" <?php post_class(); ?>>
			<h1 class="entry-title"><?php the_title(); ?></h1>
			<div class="entry-content"><?php is_singular() ? the_content() : the_excerpt(); ?></div>
		</article>
		<?php
	}
	the_posts_navigation();
} else {
	echo '<p>Nothing found.</p>';
}
get_footer();

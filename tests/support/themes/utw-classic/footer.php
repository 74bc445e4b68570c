<?php
/**
 * Footer.
 *
 * @package utw-classic
 */
?>
</main>
<footer class="site-footer"><?php bloginfo( 'name' ); ?></footer>
<?php wp_footer(); ?>
</body>
</html>

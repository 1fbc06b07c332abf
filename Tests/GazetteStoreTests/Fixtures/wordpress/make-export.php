<?php
// Adds what the test export must carry, then writes WordPress's own WXR export to stdout.
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
wp_set_current_user(1);
if (!get_option('gazette_fixture')) {
  $editor = wp_insert_user(['user_login' => 'mlind', 'user_pass' => wp_generate_password(), 'display_name' => 'Maria Lind', 'role' => 'author', 'user_email' => 'maria@example.org']);
  $world = wp_create_category('World');
  $main = (int)get_option('anchorwp_main_post');
  wp_set_post_tags($main, ['Russia', 'Taliban'], true);
  $c1 = wp_insert_comment(['comment_post_ID' => $main, 'comment_author' => 'Anna', 'comment_author_email' => 'anna@example.org', 'comment_content' => "First thoughts.\n\nSecond paragraph.", 'comment_approved' => 1, 'comment_date_gmt' => '2026-11-30 10:00:00', 'comment_date' => '2026-11-30 10:00:00']);
  $c2 = wp_insert_comment(['comment_post_ID' => $main, 'comment_author' => 'Ben', 'comment_content' => 'A reply to Anna.', 'comment_parent' => $c1, 'comment_approved' => 1, 'comment_date_gmt' => '2026-11-30 11:00:00', 'comment_date' => '2026-11-30 11:00:00']);
  wp_insert_comment(['comment_post_ID' => $main, 'comment_author' => 'Cleo', 'comment_content' => 'A reply to Ben, waiting.', 'comment_parent' => $c2, 'comment_approved' => 0, 'comment_date_gmt' => '2026-11-30 12:00:00', 'comment_date' => '2026-11-30 12:00:00']);
  wp_insert_comment(['comment_post_ID' => $main, 'comment_author' => 'Spammer', 'comment_content' => 'Buy <a href="http://spam.example">pills</a>', 'comment_approved' => 'spam', 'comment_date_gmt' => '2026-11-30 13:00:00', 'comment_date' => '2026-11-30 13:00:00']);
  wp_insert_comment(['comment_post_ID' => $main, 'comment_author' => 'Hostile <script>alert(1)</script>', 'comment_content' => '<img src=x onerror=alert(1)> and <b>bold</b>', 'comment_approved' => 1, 'comment_date_gmt' => '2026-11-30 14:00:00', 'comment_date' => '2026-11-30 14:00:00']);
  wp_insert_post(['post_title' => 'A draft about the budget', 'post_content' => "<!-- wp:paragraph -->\n<p>Not ready yet.</p>\n<!-- /wp:paragraph -->", 'post_status' => 'draft', 'post_author' => $editor, 'post_category' => [$world]]);
  wp_insert_post(['post_title' => 'Scheduled: the summit opens', 'post_content' => "<p>Leaders meet.</p>", 'post_status' => 'future', 'post_date' => '2030-01-15 09:00:00', 'post_date_gmt' => '2030-01-15 09:00:00', 'post_author' => $editor, 'post_category' => [$world]]);
  wp_insert_post(['post_title' => 'Hostile <script>alert(1)</script> & "quotes"', 'post_content' => "<p>Text <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">link</a></p><script>alert(2)</script><h2>Sub heading</h2><ul><li>one</li><li>two</li></ul><blockquote><p>quoted</p></blockquote>", 'post_excerpt' => 'An excerpt with <b>markup</b>.', 'post_status' => 'publish', 'post_author' => $editor, 'post_category' => [$world], 'tags_input' => ['Security']]);
  wp_insert_post(['post_title' => 'Trashed post', 'post_content' => '<p>Gone.</p>', 'post_status' => 'trash']);
  wp_insert_post(['post_title' => 'About us', 'post_content' => '<p>A page.</p>', 'post_status' => 'publish', 'post_type' => 'page']);
  update_option('gazette_fixture', 1);
}
export_wp(['content' => 'all']);

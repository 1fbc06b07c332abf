<?php
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
wp_set_current_user(1);
$user = get_user_by('login', 'mlind');
if (!$user) {
  $id = wp_create_user('mlind', wp_generate_password(), 'maria.lind@example.com');
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
  wp_update_user(['ID' => $id, 'display_name' => 'Maria Lind', 'role' => 'author']);
  $user = get_user_by('id', $id);
}
wp_update_user(['ID' => 1, 'display_name' => 'Ada Admin']);
foreach (get_posts(['post_status' => 'any', 'numberposts' => -1, 'post_type' => 'post']) as $post) {
  if (in_array($post->post_title, ['A draft about the budget', 'Scheduled: the summit opens']) || strpos($post->post_title, 'Hostile') === 0) {
    wp_update_post(['ID' => $post->ID, 'post_author' => $user->ID]);
  }
}
export_wp(['content' => 'all']);

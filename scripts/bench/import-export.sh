#!/usr/bin/env bash
# Import and export rates on a real corpus (News Articles), SQLite and PostgreSQL: writes the
# corpus as a WordPress export (WXR, each story with three comments, one a reply) and as an
# RSS feed, then times `gazette import wordpress`, `gazette import feed`, `gazette export`
# and `gazette import gazette` into fresh stores, and runs the WordPress import a second time
# (it must create nothing). Prints stories/s for each.
#   usage: scripts/bench/import-export.sh [DATED.jsonl]     (default $CORPUS_DIR/newsarticles.jsonl)
# Tunables: STORIES (default: the whole corpus) STORES="sqlite postgres"
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-${CORPUS_DIR:-/tmp/corpus}/newsarticles.jsonl}
STORES=${STORES:-sqlite postgres}
[ -f "$corpus" ] || { echo "missing $corpus (see the corpus notes in the README)" >&2; exit 1; }
swift build -c release --product gazette 2>&1 | tail -n 1
bin=$(swift build -c release --show-bin-path)/gazette
work=$(mktemp -d)
pg_started=""
cleanup() {
    [ -n "$pg_started" ] && scripts/stop-test-postgres /tmp/gazette-import-pg || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 - "$corpus" "${STORIES:-0}" "$work" <<'PY'
import html, json, sys
from xml.sax.saxutils import escape
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
limit = int(sys.argv[2]) or len(lines)
lines = lines[:limit]
def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
items, feed = [], []
for n, story in enumerate(lines, 1):
    paragraphs = [p for p in story["body"].split("\n") if p.strip()]
    body = "\n\n".join(html.escape(p) for p in paragraphs)
    date = (story.get("published_at") or "2017-01-01")[:10] + " 08:00:00"
    comments = "".join(
        f"<wp:comment><wp:comment_id>{n * 10 + k}</wp:comment_id><wp:comment_author>{cdata('Reader %d' % k)}</wp:comment_author>"
        f"<wp:comment_content>{cdata('Comment %d on story %d.' % (k, n))}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
        f"<wp:comment_parent>{n * 10 + 1 if k == 3 else 0}</wp:comment_parent><wp:comment_date_gmt>{date}</wp:comment_date_gmt></wp:comment>"
        for k in (1, 2, 3))
    items.append(
        f"<item><title>{cdata(story['title'])}</title><link>https://old.example/?p={n}</link><dc:creator>{cdata('desk')}</dc:creator>"
        f"<content:encoded>{cdata(body)}</content:encoded><excerpt:encoded>{cdata('')}</excerpt:encoded><wp:post_id>{n}</wp:post_id>"
        f"<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_name>{cdata('')}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        + (f"<category domain=\"category\" nicename=\"x\">{cdata(story['label'])}</category>" if story.get("label") else "")
        + comments + "</item>")
    feed.append(f"<item><title>{escape(story['title'])}</title><link>https://old.example/feed/{n}</link><guid>old-{n}</guid>"
                f"<description>{escape(paragraphs[0] if paragraphs else '')}</description><content:encoded>{cdata(body)}</content:encoded></item>")
header = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
          'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
          '<channel><title>Old site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>'
          '<wp:author><wp:author_login>desk</wp:author_login><wp:author_display_name>News desk</wp:author_display_name></wp:author>')
open(sys.argv[3] + "/export.xml", "w").write(header + "\n".join(items) + "</channel></rss>")
open(sys.argv[3] + "/feed.xml", "w").write(header + "\n".join(feed) + "</channel></rss>")
print(f"{len(lines)} stories, {3 * len(lines)} comments written as WXR ({len(open(sys.argv[3] + '/export.xml').read()) // 1024} KB) and RSS")
PY

timed() {  # timed LABEL COMMAND...: runs it, prints its last line and the seconds it took
    local label=$1 start end; shift
    start=$(date +%s.%N)
    "$@" 2>/dev/null | grep -E "^stories:|^comments:|^Imported|^Exported" | sed "s/^/  /"
    end=$(date +%s.%N)
    python3 -c "print('$label: %.1f s' % ($end - $start))"
}

run_store() {  # run_store NAME URL_FACTORY
    local name=$1
    echo "== $name"
    timed "$name import wordpress" "$bin" import wordpress "$work/export.xml" --database-url "$($2 a)"
    timed "$name import wordpress again (creates nothing)" "$bin" import wordpress "$work/export.xml" --database-url "$($2 a)"
    timed "$name export" "$bin" export "$work/site.json" --database-url "$($2 a)"
    timed "$name import gazette" "$bin" import gazette "$work/site.json" --database-url "$($2 b)"
    timed "$name import feed" "$bin" import feed "$work/feed.xml" --database-url "$($2 c)"
}

sqlite_url() { echo "sqlite://$work/$1.sqlite"; }
postgres_url() {  # a fresh database the first time a name is asked for, the same one after
    local db="gazette_import_$1"
    if [ ! -e "$work/pg-$1" ]; then
        PGOPTIONS=--client-min-messages=warning psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $db" -qc "CREATE DATABASE $db" >/dev/null
        touch "$work/pg-$1"
    fi
    echo "${pg_admin%/*}/$db"
}
for store in $STORES; do
    case $store in
    sqlite) run_store sqlite sqlite_url ;;
    postgres)
        if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
            pg_admin=$(scripts/start-test-postgres /tmp/gazette-import-pg)
            pg_started=1
            run_store postgres postgres_url
        else
            echo "postgres skipped: apt-get install postgresql"
        fi ;;
    esac
done

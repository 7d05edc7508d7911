"""A real PostgreSQL streaming replica behind two app servers: readers' pages come from it while it
keeps up, and when it falls behind (replay paused) no reader is served, and no cache keeps, a page
older than a change already made — a withdrawn article is gone through the other app server at
once, and stays gone when the replica catches up."""

import time

from django.conf import settings

from tests.scale.helpers import get

SLUG = "hohhot-yuquan-grassroots-party-building"


def replica_reads(pair):
    """Transactions the replica has served on the site's database (its statistics, flushed at
    most a second late)."""
    time.sleep(1.1)
    return pair.sql("SELECT xact_commit FROM pg_stat_database WHERE datname = 'linli'", replica=True)[0][0]


def behind(pair):
    (primary,) = pair.sql("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")[0]
    (replayed,) = pair.sql("SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn", replica=True)[0]
    return primary - replayed


def test_a_paused_replica_serves_no_stale_page_and_none_is_kept(cluster):
    pair, a, b = cluster.pair, cluster.node_url(0), cluster.node_url(1)
    article = f"/article/{SLUG}/"

    # While it keeps up, the replica answers readers' pages.
    before = replica_reads(pair)
    status, html = get(a + article)
    assert status == 200 and "让基层党建在服务群众中更加接地气" in html
    assert get(a + "/")[0] == 200 and SLUG in get(a + "/")[1]
    assert replica_reads(pair) > before

    pair.sql("SELECT pg_wal_replay_pause()", replica=True)
    try:
        cluster.manage(
            "shell",
            "-v",
            "0",
            stdin=(
                "from django.contrib.auth.models import User\n"
                "from newsroom import workflow\n"
                "from newsroom.models import Article\n"
                f"workflow.withdraw(Article.objects.get(slug='{SLUG}'), User.objects.get(username='chief'), '事实有误')\n"
                # and a publish, through the three reviews
                "from tests.helpers import new_draft\n"
                "users = {n: User.objects.get(username=n) for n in ('editor', 'reviewer1', 'reviewer2', 'chief')}\n"
                "article = new_draft(users['editor'], title='备库暂停时发布的稿件', slug='replica-fresh')\n"
                "workflow.submit(article, users['editor'])\n"
                "for name in ('reviewer1', 'reviewer2', 'chief'):\n"
                "    workflow.approve(Article.objects.get(pk=article.pk), users[name])\n"
                "workflow.publish(Article.objects.get(pk=article.pk), users['chief'])\n"
            ),
        )
        assert behind(pair) > 0, "the replica has not replayed the withdrawal"
        time.sleep(settings.PAGE_CACHE_LOCAL_SECONDS + 0.2)  # node A's own trust in what it knew
        for node in (b, a):
            assert get(node + article)[0] in (404, 410), node
            status, home = get(node + "/")
            assert status == 200 and SLUG not in home, node
            assert "/article/replica-fresh/" in get(node + "/column/party-news/")[1], node
            assert get(node + "/article/replica-fresh/")[0] == 200, node
        assert behind(pair) > 0  # all of that while the replica had neither change
    finally:
        pair.sql("SELECT pg_wal_replay_resume()", replica=True)

    pair.caught_up()
    for node in (a, b):
        assert get(node + article)[0] in (404, 410)
        assert SLUG not in get(node + "/")[1]
        assert "/article/replica-fresh/" in get(node + "/column/party-news/")[1]
    # Caught up, it serves readers again.
    before = replica_reads(pair)
    assert get(b + "/column/party/")[0] == 200
    assert get(b + "/communities/")[0] == 200
    assert replica_reads(pair) > before


def test_staff_and_a_reader_who_sent_a_form_read_the_primary(cluster):
    pair, a = cluster.pair, cluster.node_url(0)
    pair.sql("SELECT pg_wal_replay_pause()", replica=True)
    try:
        before = replica_reads(pair)
        # A reader who has just sent a form (the cookie its answer set), and staff (a session).
        assert get(a + "/search/?q=%E9%82%BB%E9%87%8C", Cookie="linli_rw=1")[0] == 200
        assert get(a + "/communities/streets/", Cookie="sessionid=abc")[0] in (200, 404)
        assert replica_reads(pair) == before
    finally:
        pair.sql("SELECT pg_wal_replay_resume()", replica=True)

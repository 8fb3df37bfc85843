"""permalinks.py and phpserial.py: pure functions."""

from masthead.wordpress import permalinks, phpserial

POST = {"date": "2013-01-10 20:15:40", "slug": "hello", "wp_id": 5, "category_path": "news/local"}


def test_the_structure_is_read_from_a_posts_link():
    path = permalinks.path_of("https://example.org/blog/news/local/hello/", "/blog")
    assert permalinks.structure_of(path, **POST) == "/%category%/%postname%/"
    assert permalinks.structure_of("/2013/01/10/hello/", **POST).startswith("/%year%/")
    assert permalinks.structure_of("/archives/5", **POST) == "/archives/%post_id%"


def test_a_post_keeps_every_common_structure_and_its_id():
    paths = permalinks.post_paths(link="https://example.org/archives/5", guid="https://example.org/?p=5",
                                  post_type="post", structure="/archives/%post_id%", base="", **POST)
    assert paths[:2] == ["/archives/5", "/?p=5"]
    assert {"/2013/01/10/hello/", "/2013/01/hello/", "/hello/", "/news/local/hello/"} <= set(paths)


def test_old_urls_pair_each_path_with_the_new_address():
    class Record:
        old_paths = ["/hello/", "/articles/hello/"]

        def target_url(self, old):
            return "/articles/hello/"

    assert permalinks.old_urls_for(Record()) == [("/hello/", "/articles/hello/")]


def test_php_serialized_meta_round_trips():
    value = {"key": "¯\\_(ツ)_/¯", "sizes": {"thumb": {"width": 150}}, 0: True}
    assert phpserial.loads(phpserial.dumps(value)) == value
    assert phpserial.loads('a:1:{s:3:"key";s:13:"¯\\_(ツ)_/¯";}') == {"key": "¯\\_(ツ)_/¯"}
    assert phpserial.load_or_none('O:8:"stdClass":0:{}') is None  # objects refused

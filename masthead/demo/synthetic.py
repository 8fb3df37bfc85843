"""Synthetic newsroom at any size, for benchmarks and for trying Masthead at scale.

Rows go in with bulk inserts; Markdown is rendered once per distinct text and
reused, since rendering per row would dominate the time.
"""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from masthead.articles.models import Article, ArticleAuthor, Section, Tag
from masthead.comments.models import Comment
from masthead.core import text
from masthead.core.sanitize import render_article_body, render_comment_body
from masthead.media import providers, renditions
from masthead.media.models import Embed, Image
from masthead.people.models import Person
from masthead.quotes.services import extract_article_quotes

WORDS = (
    "council mayor river budget school board vote residents bridge library police "
    "fire storm flood market business brewery hospital nurses trail park county city "
    "street plan project million funding meeting week month year public hearing state "
    "team season coach game win championship students teachers parents district court "
    "judge ruling zoning housing rent jobs workers owners downtown neighbors volunteers"
).split()
SECTIONS = ["Local News", "Business", "Sports", "Environment", "Opinion", "Arts"]
BATCH = 5000
RICH_EMBEDS = ["https://www.youtube.com/watch?v=aqz-KE-bpKQ", "https://vimeo.com/76979871"]
FEATURED_TITLE = "Council weighs a lit river walk as repair costs climb"
FEATURED_BODY = """\
The city council spent three hours on Tuesday night on a question residents have
asked for a decade: should the river walk stay open after dark?

“We have patched that path every spring since I took office,” said Mayor Lena
Ostrowski. “A real repair costs less than another ten years of patches.”

The plan before the council would resurface two miles of path, add low lighting
and rebuild the footbridge by the old mill.

“Light changes who uses a place,” said council member Darius Vance, who chairs
the public works committee. “Right now the walk empties at five in the winter.”

Not everyone at the meeting was convinced. “I walk there every morning, and what
it needs is drainage, not lamps,” said Ruth Adeyemi, a retired teacher who lives
on Ferry Street. She told the council the path floods twice a year.

The city engineer, Tomas Brandt, said drainage is in the plan. “Every design we
drew starts with the water,” Brandt said. “The lights are the cheap part.”

The committee's estimate puts the work at 2.4 million dollars, with a state grant
covering about a third.

“If the grant comes through, we can start in April,” Ostrowski said. “If it
does not, we will have to choose between the bridge and the path.”

Vance said he expected a vote next month. “People have waited long enough to
hear a yes or a no,” he said.

Adeyemi said she would be back for it. “Bring your boots,” she said.
"""


def refresh_planner_statistics():
    """Tell the query planner how large the tables now are, after a bulk load.

    Until it knows, PostgreSQL and SQLite plan for small tables and can pick an
    index that reads every comment. On PostgreSQL, VACUUM also marks the new
    pages all-visible, so a listing's count reads its covering index alone
    (15 ms -> 1.5 ms for a 16,000-article section). Autovacuum would get
    there eventually; a benchmark starting at once would not wait for it.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A sample per index: seconds, not minutes, at a million comments.
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE")  # not allowed inside a transaction
        else:
            cursor.execute("ANALYZE")


def sentence(rng, low=8, high=20):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    body = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.4:
        body += f" “{sentence(rng, 6, 14)[:-1]},” said {rng.choice(['Ana Ruiz', 'Tom Weller', 'Lena Park'])}."
    return body


class Generator:
    """Adds `articles` articles and `comments` comments spread over them."""

    def __init__(self, *, seed=1, progress=None):
        self.rng = random.Random(seed)
        self.progress = progress or (lambda done, total, label: None)
        self.now = timezone.now()

    def run(self, *, articles, comments):
        sections = self._sections()
        people = self._people()
        tags = self._tags()
        article_ids = self._articles(articles, sections, people, tags)
        self._comments(comments, article_ids)
        return len(article_ids)

    def featured_article(self, *, comments, slug="benchmark-article"):
        """One known article shaped like a real story page, for benchmarks.

        A hero photo with its credit and renditions, two bylines, a body with
        attributed quotes (extracted into voices, as the worker would) and
        exactly `comments` comments: what a reader of a shared story loads.
        """
        from .pictures import hero_jpeg

        with transaction.atomic():  # a failure keeps the old one
            Article.objects.filter(slug=slug).delete()
            ids = self._articles(1, self._sections(), self._people(), self._tags())
            hero = Image.objects.create(
                file=ContentFile(hero_jpeg(slug, ["#2f5d62", "#a7c4a0"], "river"),
                                 name=f"{slug}.jpg"),
                alt_text="The river walk at dusk, seen from the footbridge",
                credit="Photo: Synthetic Staff",
                caption="The river walk, where the new path would run.",
            )
            renditions.make(hero)
            Article.objects.filter(pk=ids[0]).update(
                slug=slug, published_at=self.now, title=FEATURED_TITLE, body=FEATURED_BODY,
                body_html=render_article_body(FEATURED_BODY), hero_image=hero,
                word_count=text.count_words(FEATURED_BODY),
                reading_minutes=text.reading_minutes(FEATURED_BODY),
            )
            extract_article_quotes(article=Article.objects.get(pk=ids[0]))
            self._comments(comments, ids)
        return ids[0]

    def rich_featured_article(self, *, comments, slug="benchmark-rich-article"):
        """featured_article() with five figures, a gallery and two embeds between
        its paragraphs (issue 19's benchmark): the same words and comments, so
        the two pages differ by their blocks alone."""
        article_id = self.featured_article(comments=comments, slug=slug)
        names = [self._library_picture(f"{slug}-{n}.jpg") for n in range(8)]
        embeds = [self._ready_embed(url, slug) for url in RICH_EMBEDS]
        paragraphs = FEATURED_BODY.split("\n\n")
        blocks = [f"::: figure {name} {size}\nA caption for the figure.\n:::"
                  for name, size in zip(names[:5], ["inline", "wide", "inline", "full", "inline"], strict=True)]
        blocks.append("::: gallery\n" + "\n".join(f"{name} In the gallery" for name in names[5:]) + "\n:::")
        blocks += [f"::: embed {url}\n:::" for url in embeds]
        body = []
        for index, paragraph_text in enumerate(paragraphs):
            body.append(paragraph_text)
            if index < len(blocks):
                body.append(blocks[index])
        body += blocks[len(paragraphs):]
        article = Article.objects.get(pk=article_id)
        article.body = "\n\n".join(body)
        article.save()
        extract_article_quotes(article=article)
        return article_id

    def _library_picture(self, name):
        from .pictures import hero_jpeg

        if not Image.objects.filter(file=f"images/{name}").exists():
            image = Image.objects.create(
                file=ContentFile(hero_jpeg(name, ["#2f5d62", "#a7c4a0"], "river"), name=name),
                alt_text="The footbridge over the river walk", credit="Photo: Synthetic Staff",
            )
            renditions.make(image)
        return name

    def _ready_embed(self, url, slug):
        """An embed resolved as the worker would have (no internet here)."""
        found = providers.match(url)
        thumbnail = Image.objects.get(file=f"images/{self._library_picture(f'{slug}-thumb.jpg')}")
        Embed.objects.update_or_create(url=found.url, defaults={
            "provider": found.provider.key, "provider_name": found.provider.name,
            "title": "A synthetic video", "frame_src": found.frame_src, "ratio": found.ratio,
            "thumbnail": thumbnail, "status": Embed.Status.READY, "resolved_at": self.now,
        })
        return found.url

    def _sections(self):
        return [
            Section.objects.get_or_create(slug=name.lower().replace(" ", "-"),
                                          defaults={"name": name, "position": i})[0]
            for i, name in enumerate(SECTIONS)
        ]

    def _people(self):
        return [
            Person.objects.get_or_create(slug=f"synthetic-reporter-{i}",
                                         defaults={"name": f"Reporter {i}", "bio": "Staff writer."})[0]
            for i in range(20)
        ]

    def _tags(self):
        return [
            Tag.objects.get_or_create(slug=f"topic-{word}", defaults={"name": word.title()})[0]
            for word in WORDS[:30]
        ]

    def _bodies(self, count=200):
        bodies = []
        for _ in range(count):
            body = "\n\n".join(paragraph(self.rng) for _ in range(self.rng.randint(6, 14)))
            bodies.append((body, render_article_body(body), text.count_words(body)))
        return bodies

    def _articles(self, total, sections, people, tags):
        bodies = self._bodies()
        # Numbered past every existing row, so a second run adds to the site
        # rather than colliding with the first run's slugs.
        start = Article.objects.aggregate(last=Max("pk"))["last"] or 0
        ids = []
        for offset in range(0, total, BATCH):
            size = min(BATCH, total - offset)
            rows = [self._article(start + offset + i, bodies, sections) for i in range(size)]
            with transaction.atomic():
                created = Article.objects.bulk_create(rows, batch_size=1000)
                if not created or created[0].pk is None:  # backends without RETURNING
                    created = list(Article.objects.order_by("-id")[:size])[::-1]
                self._links(created, people, tags)
            ids.extend(a.pk for a in created)
            self.progress(offset + size, total, "articles")
        return ids

    def _article(self, n, bodies, sections):
        body, body_html, words = self.rng.choice(bodies)
        return Article(
            title=sentence(self.rng, 5, 11)[:-1], slug=f"synthetic-{n}",
            standfirst=sentence(self.rng, 12, 24), body=body, body_html=body_html,
            word_count=words, reading_minutes=text.reading_minutes(body),
            section=self.rng.choice(sections), status=Article.Status.PUBLISHED,
            published_at=self.now - timedelta(minutes=n * 7 + self.rng.randint(0, 6)),
        )

    def _links(self, created, people, tags):
        bylines, tag_links = [], []
        Through = Article.tags.through
        for article in created:
            for position, person in enumerate(self.rng.sample(people, self.rng.randint(1, 2))):
                bylines.append(ArticleAuthor(article=article, person=person, position=position))
            for tag in self.rng.sample(tags, self.rng.randint(1, 3)):
                tag_links.append(Through(article_id=article.pk, tag_id=tag.pk))
        ArticleAuthor.objects.bulk_create(bylines, batch_size=2000)
        Through.objects.bulk_create(tag_links, batch_size=2000)

    def _comments(self, total, article_ids):
        """Raw executemany: model instances cost more than the insert itself.

        Columns come from the model, so fields added later get their defaults.
        """
        if not article_ids or not total:
            return
        texts = [sentence(self.rng, 6, 30) for _ in range(300)]
        rendered = [(body, render_comment_body(body)) for body in texts]
        varying = ["article_id", "name", "email", "body", "body_html", "created_at"]
        columns, constants = self._comment_columns(varying)
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            Comment._meta.db_table, ", ".join(columns), ", ".join(["%s"] * len(columns))
        )
        created_at = self._prepared(Comment._meta.get_field("created_at"))
        self._tune_sqlite_for_bulk_load()
        # One transaction: each commit forces a WAL checkpoint's worth of writes.
        with transaction.atomic(), connection.cursor() as cursor:
            for offset in range(0, total, BATCH):
                size = min(BATCH, total - offset)
                rows = []
                for n in range(offset, offset + size):
                    if n % 50 == 0:  # preparing a timestamp costs more than the row
                        when = created_at(self.now - timedelta(seconds=total - n))
                    body, body_html = rendered[n % len(rendered)]
                    # Grouped by article, so the (article, ...) index grows at its end.
                    rows.append((article_ids[n * len(article_ids) // total], f"Reader {n % 5000}",
                                 f"reader{n % 5000}@example.com", body, body_html, when)
                                + constants)
                cursor.executemany(sql, rows)
                self.progress(offset + size, total, "comments")

    def _tune_sqlite_for_bulk_load(self):
        """A large page cache keeps index pages in memory while millions of rows go in."""
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB, this connection only

    def _comment_columns(self, varying):
        fields = {f.attname: f for f in Comment._meta.concrete_fields if not f.primary_key}
        fixed = {"status": Comment.Status.APPROVED, "ip_address": "192.0.2.1"}
        others = [name for name in fields if name not in varying]
        constants = tuple(
            fields[name].get_db_prep_save(fixed.get(name, fields[name].get_default()), connection)
            for name in others
        )
        columns = [connection.ops.quote_name(fields[n].column) for n in varying + others]
        return columns, constants

    def _prepared(self, field):
        return lambda value: field.get_db_prep_save(value, connection)

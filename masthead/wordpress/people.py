"""Authors and terms: WordPress logins to people, categories to sections, tags to tags.

Each is looked up (or made) once and cached by its WordPress name for the
whole run, so a 100,000-post import asks the database about each author and
term once, not once a post.
"""

import csv
import html

from django.utils.text import slugify

from masthead.articles.models import Section, Tag
from masthead.people.models import Person

from . import mapping, permalinks
from .models import ImportedAuthor, ImportedTerm

EARLIER = "author map lines not applied (the login came in with an earlier run)"


class AuthorMapError(ValueError):
    """Why an author map cannot be used, with the line to look at."""


def read_author_map(path):
    """{login: (name, slug)} from a CSV file of `login,name[,person-slug]` lines.

    Two logins given one name (or one slug) become one person: that is how
    duplicates are merged; a new name renames. Blank lines and lines starting
    with "#" are skipped; any other line that is not two or three fields, or
    leaves the login or the name empty, refuses the whole map (AuthorMapError):
    an import that silently ignored a line would put the wrong bylines on a
    whole archive (issue 22).
    """
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return _author_rows(csv.reader(handle))
    except FileNotFoundError as err:
        raise AuthorMapError(f"{path}: no such file.") from err
    except OSError as err:  # a folder, or no permission to read it
        raise AuthorMapError(f"{path}: cannot be read ({err.strerror}).") from err
    except UnicodeDecodeError as err:
        raise AuthorMapError(f"{path}: not UTF-8 text; save it as UTF-8 CSV.") from err
    except csv.Error as err:
        raise AuthorMapError(f"{path}: not a CSV file ({err}).") from err
    except AuthorMapError as err:
        raise AuthorMapError(f"{path}, {err}") from err


def _author_rows(rows):
    mapped = {}
    for row in rows:
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        line = rows.line_num
        fields = [field.strip() for field in row]
        if len(fields) not in (2, 3) or not fields[0] or not fields[1]:
            got = ",".join(row)
            raise AuthorMapError(
                f"line {line}: expected login,name[,person-slug], got “{got}”."
            )
        login, name = fields[0], fields[1]
        slug = slugify(fields[2]) if len(fields) == 3 and fields[2] else slugify(name)
        if login in mapped and mapped[login] != (name, slug):
            raise AuthorMapError(f"line {line}: “{login}” is mapped twice, two ways.")
        mapped[login] = (name, slug)
    return mapped


class People:
    def __init__(self, *, site, report, author_map=None):
        self.site, self.report, self.author_map = site, report, author_map or {}
        self.by_login = {
            a.login: a.person_id
            for a in ImportedAuthor.objects.filter(site=site).only("login", "person_id")
        }
        self.names = {}  # login -> display name, for credits
        self._report_earlier_logins()

    def _report_earlier_logins(self):
        """A map line for a login an earlier run imported changes nothing (its
        bylines are written): listed, so the editor knows to fix them by hand."""
        earlier = {login: self.by_login[login] for login in self.author_map
                   if login in self.by_login}  # fmt: skip
        people = Person.objects.filter(pk__in=earlier.values())
        slugs = dict(people.values_list("pk", "slug"))
        for login, pk in earlier.items():
            name, slug = self.author_map[login]
            if slugs.get(pk) != slug:
                self.report.note(EARLIER, f"{login} → {name}")

    def add(self, login, name, email=""):
        """The person id for a login, made (or matched by slug) if new."""
        if login in self.by_login:
            return self.by_login[login]
        name, slug = self.author_map.get(login, (name or login, None))
        slug = (slug or slugify(name) or slugify(login) or "author")[:200]
        person = Person.objects.filter(slug=slug).first()
        if person is None:
            person = Person.objects.create(name=name[:200], slug=slug, email=email[:254])
            self.report.count("people created")
        else:
            self.report.count("people matched to existing people")
        ImportedAuthor.objects.create(
            site=self.site, login=login[:200], person=person,
            old_paths=permalinks.author_paths(login),
        )  # fmt: skip
        self.by_login[login] = person.pk
        return person.pk

    def add_author(self, author):
        self.names[author.login] = mapping.person_name(author)
        return self.add(author.login, mapping.person_name(author), author.email)


class Terms:
    def __init__(self, *, site, report):
        self.site, self.report = site, report
        self.sections, self.tags, self.parents = {}, {}, {}
        self.ids = {}  # WordPress term id -> category slug (Yoast's primary)
        for term in ImportedTerm.objects.filter(site=site):
            if term.section_id:
                self.sections[term.slug] = term.section_id
            if term.tag_id:
                self.tags[term.slug] = term.tag_id
            self.parents[term.slug] = term.parent_slug
            if term.wp_id:
                self.ids[term.wp_id] = term.slug

    def add(self, term):
        if term.taxonomy == "category":
            self.ids[term.wp_id] = term.slug
            return self.section(term.slug, term.name, term.parent, term)
        if term.taxonomy == "post_tag":
            return self.tag(term.slug, term.name, term)
        self.report.count(f"terms not imported ({term.taxonomy})")
        return None

    def section(self, slug, name, parent="", term=None):
        if slug in self.sections:
            return self.sections[slug]
        self.parents[slug] = parent
        row = Section.objects.filter(slug=_slug(slug)).first()
        if row is None:
            # Masthead's sections are flat: a nested category is a section of
            # its own, shown in the navigation only when it has no parent.
            row = Section.objects.create(
                slug=_slug(slug), name=_name(name or slug, 100), in_navigation=not parent,
                description=mapping.plain(term.description) if term else "",
            )  # fmt: skip
            self.report.count("sections created")
        self.sections[slug] = row.pk
        self._record("category", slug, term, section=row)
        return row.pk

    def tag(self, slug, name, term=None):
        if slug in self.tags:
            return self.tags[slug]
        name = _name(name or slug, 100)
        row = Tag.objects.filter(slug=_slug(slug)).first() or Tag.objects.filter(name=name).first()
        if row is None:
            row = Tag.objects.create(slug=_slug(slug), name=name)
            self.report.count("tags created")
        self.tags[slug] = row.pk
        self._record("post_tag", slug, term, tag=row)
        return row.pk

    def _record(self, taxonomy, slug, term, **target):
        ImportedTerm.objects.get_or_create(
            site=self.site, taxonomy=taxonomy, slug=slug[:200],
            defaults={
                "wp_id": term.wp_id if term else None,
                "parent_slug": (term.parent if term else "")[:200],
                "meta": term.meta if term else [],
                "old_paths": permalinks.term_paths(taxonomy, self.path(slug)),
                **target,
            },
        )  # fmt: skip

    def path(self, slug):
        """parent/child: a nested category's archive path on WordPress."""
        chain, seen = [slug], {slug}
        while (parent := self.parents.get(chain[0])) and parent not in seen:
            chain.insert(0, parent)
            seen.add(parent)
        return "/".join(chain)


def _slug(value):
    return (slugify(value) or "term")[:100]


def _name(value, limit):
    return html.unescape(value).strip()[:limit] or "Untitled"

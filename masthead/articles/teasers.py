"""An article's teaser in a listing, rendered once per distinct content.

Home, section, tag and author pages are lists of teasers; through the template
engine each cost ~0.3 ms, a third of the home page. The teaser's markup is a
pure function of the fields TEASER declares (core/fragments.py), so a story's teaser is
rendered once and reused until its title, image, byline or section changes.
"""

from masthead.core.fragments import Fragment, current_locale
from masthead.media.pictures import picture

IMAGE_SIZES = "(min-width: 60em) 33vw, 100vw"
TEASER = Fragment(
    "includes/teaser.html",
    fields=(
        "size", "level", "url", "title", "standfirst", "section", "byline",
        "published_at", "picture", "locale",
    ),
)  # fmt: skip


def teaser(article, size="", level=3, hide_section=False):
    """``{{ teaser(article, size="lead", level=2) }}``; size is "", "lead", "wide"
    or "list" (a headline in a list: no picture, no standfirst)."""
    section = article.section if not hide_section else None
    pictured = article.hero_image_id is not None and size != "list"
    # Without a picture, a grid's story shows its standfirst instead (issue 20).
    summary = size in ("lead", "wide") or (size == "" and not pictured)
    return TEASER(
        size=size,
        level=level,
        url=article.get_absolute_url(),
        title=article.title,
        standfirst=article.standfirst if summary else "",
        section=(section.name, section.get_absolute_url()) if section else None,
        byline=names_in_prose([b.person.name for b in article.bylines.all()]),
        published_at=article.published_at,
        picture=picture(article.hero_image, sizes=IMAGE_SIZES, alt="")
        if pictured
        else "",
        locale=current_locale(),  # its date
    )


def names_in_prose(names):
    """ "A", "A and B", "A, B and C": as the byline_names macro writes them."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]

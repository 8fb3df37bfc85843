"""Django's RSS 2.0 and Atom writers, plus the elements feed readers look for.

Django writes a summary and one enclosure. Readers also want the full story
(RSS content:encoded, Atom <content>) and the picture with its size, alt text
and credit (Media RSS, which feedparser, Feedly and Inoreader read). Items
carry these as extra keys, set by the Feed classes' item_extra_kwargs().
"""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def add_media(handler, picture):
    """<media:content> for the hero image, with its alt text and credit."""
    if picture is None:
        return
    handler.startElement(
        "media:content",
        {
            "url": picture.url,
            "medium": "image",
            "type": picture.mime_type,
            "width": str(picture.width),
            "height": str(picture.height),
        },
    )
    handler.addQuickElement("media:description", picture.alt, {"type": "plain"})
    handler.addQuickElement("media:credit", picture.credit)
    handler.endElement("media:content")


class MastheadRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        add_media(handler, item.get("picture"))


class MastheadAtom(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # Atom allows several authors; Django writes one, so the rest follow here.
        for author in item.get("more_authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media(handler, item.get("picture"))

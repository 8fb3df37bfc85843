"""PHP's serialize() format, read and written. No Django import.

WordPress stores arrays in meta as serialized PHP (`a:1:{s:3:"foo";s:3:"bar";}`);
the importer reads `_wp_attachment_metadata` for a picture's credit and
caption, and the exporter writes the same shape. String lengths are in UTF-8
bytes, as PHP counts them. Objects are refused: they are how PHP object
injection works, and WordPress meta has no need of them.
"""


class Unreadable(ValueError):
    pass


def loads(text):
    """The value, or raise Unreadable. Arrays become dicts (keys kept)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    value, end = _value(data, 0)
    if end != len(data):
        raise Unreadable("trailing data after the serialized value")
    return value


def load_or_none(text):
    try:
        return loads(text)
    except (Unreadable, ValueError, IndexError):
        return None


def _value(data, at):
    kind = data[at : at + 1]
    if kind == b"N":
        return None, _expect(data, at + 1, b";")
    if kind in (b"i", b"d", b"b"):
        end = data.index(b";", at)
        raw = data[at + 2 : end].decode()
        value = {b"i": int, b"d": float, b"b": lambda v: v == "1"}[kind](raw)
        return value, end + 1
    if kind == b"s":
        colon = data.index(b":", at + 2)
        length = int(data[at + 2 : colon])
        start = colon + 2
        value = data[start : start + length].decode("utf-8", "replace")
        return value, _expect(data, _expect(data, start + length, b'"'), b";")
    if kind == b"a":
        colon = data.index(b":", at + 2)
        count = int(data[at + 2 : colon])
        at = _expect(data, colon + 1, b"{")
        result = {}
        for _ in range(count):
            key, at = _value(data, at)
            result[key], at = _value(data, at)
        return result, _expect(data, at, b"}")
    raise Unreadable(f"unsupported serialized type {kind!r}")


def _expect(data, at, token):
    if data[at : at + len(token)] != token:
        raise Unreadable(f"expected {token!r} at byte {at}")
    return at + len(token)


def dumps(value):
    """PHP-serialized text for str, int, float, bool, None, list and dict."""
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        return f"d:{value!r};"
    if isinstance(value, str):
        return f's:{len(value.encode("utf-8"))}:"{value}";'
    items = value.items() if isinstance(value, dict) else enumerate(value)
    body = "".join(dumps(key) + dumps(item) for key, item in items)
    return f"a:{len(value)}:{{{body}}}"

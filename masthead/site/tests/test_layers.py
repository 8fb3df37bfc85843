"""The app graph a newcomer can draw from memory: imports point down only.

Reads every module under masthead/ (ast, nothing is imported or run) and fails
on an import against the order below, on any cycle between apps, and on a
function-level import of another app (a sign that the code is in the wrong
room; issue 18). Tests are left out: they may build any app's rows.
The README's "Layout" section draws the same order.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

LEAVES = {"core", "pagecache", "jobs"}
CONTENT = {"accounts", "media", "people", "articles"}
NEWSROOM = {"comments", "editorial", "quotes", "frontpage"}
DISTRIBUTION = {"feeds", "seo", "search", "api", "redirects", "wordpress", "newsletters"}
# backups: `masthead backup` and `restore` read every app's tables (issue 24).
SITE = {"site", "demo", "settings", "urls", "wsgi", "asgi", "cli", "testing", "backups"}

# What each app may import, besides itself. Within a layer the order is
# explicit: people may use media (a person's photo), articles both.
ALLOWED = {
    "core": set(),
    "pagecache": set(),
    "jobs": set(),
    "accounts": LEAVES,  # staff sign-in: throttling, two-factor, sessions
    "media": LEAVES,
    "people": LEAVES | {"media"},
    "articles": LEAVES | {"media", "people"},
    "comments": LEAVES | CONTENT,
    "quotes": LEAVES | CONTENT,
    "editorial": LEAVES | CONTENT | {"comments"},
    "frontpage": LEAVES | CONTENT,  # front-page curation (issue 20)
    **{app: LEAVES | CONTENT | NEWSROOM for app in DISTRIBUTION},
    # An import hands each old WordPress address to the redirects (issue 22).
    "wordpress": LEAVES | CONTENT | NEWSROOM | {"redirects"},
    **{part: LEAVES | CONTENT | NEWSROOM | DISTRIBUTION | SITE for part in SITE},
}


def app_of(module):
    """'masthead.articles.models' -> 'articles'; None outside the package."""
    parts = module.split(".")
    if parts[0] != "masthead" or len(parts) < 2:
        return None
    return parts[1]


def source_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        yield ".".join(relative.with_suffix("").parts), path


def imports_of(module, path):
    """(imported module, line, at module level?) for each import in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    top_level = {id(node) for node in tree.body}
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            yield name, node.lineno, id(node) in top_level


def is_part(name):
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").exists()


def app_imports():
    """Every import of one app by another: (importer app, imported app, where, top?)."""
    found = []
    for module, path in source_modules():
        source = app_of(module)
        for name, line, top in imports_of(module, path):
            target = app_of(name)
            if target and target != source and is_part(target):
                found.append((source, target, f"{module}:{line}", top))
    return found


def test_every_part_of_the_package_has_a_place_in_the_order():
    parts = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()}
    parts -= {"__init__", "__pycache__", "templates", "static", "jinja2"}
    assert parts - set(ALLOWED) == set(), "give each new app its place in ALLOWED"


def test_no_app_imports_against_the_layer_order():
    wrong = [
        f"{where}: {source} imports {target}"
        for source, target, where, _ in app_imports()
        if target not in ALLOWED[source]
    ]
    assert wrong == []


def test_the_leaves_import_no_app():
    leaves = [f"{where}: {s} imports {t}" for s, t, where, _ in app_imports() if s in LEAVES]
    assert leaves == []


def test_no_cycle_between_apps():
    graph = {}
    for source, target, _, _ in app_imports():
        graph.setdefault(source, set()).add(target)
    assert find_cycle(graph) is None


def test_imports_of_other_apps_are_at_the_top_of_their_module():
    """apps.py's ready() is the exception: Django loads models after AppConfigs."""
    hidden = [
        f"{where}: {source} imports {target} inside a function"
        for source, target, where, top in app_imports()
        if not top and not where.split(":")[0].endswith(".apps")
    ]
    assert hidden == []


def find_cycle(graph):
    """One cycle of the directed graph as a list of nodes, or None."""
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            return visiting[visiting.index(node):] + [node]
        if node in done:
            return None
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        cycle = visit(node)
        if cycle:
            return cycle
    return None


def test_the_checks_see_an_import_against_the_order():
    """The readers above must catch what they look for, or they pass on anything."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) is None
    site_imports = {t for s, t, _, _ in app_imports() if s == "site"}
    assert {"articles", "comments", "pagecache"} <= site_imports

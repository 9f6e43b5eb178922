"""Sources of "you said" items: what kinds of object an item can point back to.

An app says "this kind of object can be the source of a 'you said' item" by calling
`register_source` in its `wagtail_hooks.py` (consultations registers `Theme`; the live
engine will register written questions). A later app, such as reflections, finds and
shows sources through this module alone, looked up by content type, so it imports no
other app:

- `source_for(obj)`: the Source for an object, or None if its kind is not registered;
- `resolve(content_type_id, object_id)`: the Source stored as those two ids, or None;
- `find_sources(query)`: Sources of every kind whose search matches the words typed;
- `source_people(content_type_id, object_id)`: the members whose words are in a source
  and who allowed them to be used.

The other way round, a source's page shows what became of it: an app registers a
function for `register_source_links` that gets a list of Sources and the request and
returns their `SourceLink`s by `(content_type_id, object_id)` (an item made from each and
its status, or "send to reflections" for those allowed); `{% what_happened obj %}` shows
them on the source's page, and a page listing many sources calls
`prefetch_source_links(request, objs)` first so they cost a few queries in all.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks

SOURCE_HOOK = "register_source"
SOURCE_LINKS_HOOK = "register_source_links"


@dataclass(frozen=True)
class SourceKind:
    """A kind of object that can be a source: its model, a label, and how to title, link and search it.

    `title(obj)` and `url(obj)` describe one object; `search(query)` returns the objects
    (a queryset or a list) whose text matches `query`; `people(obj)`, the members whose
    words are in it and who allowed them to be used (they hear what became of it).
    """

    model: type
    label: str
    title: object
    url: object
    search: object
    people: object = None

    def describe(self, obj):
        content_type = ContentType.objects.get_for_model(self.model)
        return Source(
            kind=self,
            content_type_id=content_type.pk,
            object_id=obj.pk,
            title=self.title(obj),
            url=self.url(obj),
            obj=obj,
        )


@dataclass(frozen=True)
class Source:
    """One object as a source: what it is, its title and link, and the two ids to store."""

    kind: SourceKind
    content_type_id: int
    object_id: int
    title: str
    url: str
    obj: object

    @property
    def label(self):
        return self.kind.label


def register_source(model, *, label, title, url, search, people=None):
    """Let objects of `model` be the source of a "you said" item (call it from wagtail_hooks.py)."""
    kind = SourceKind(model=model, label=label, title=title, url=url, search=search, people=people)
    hooks.register(SOURCE_HOOK, lambda: kind)
    return kind


def source_kinds():
    """Every registered kind, by its model's content type id."""
    kinds = {}
    for registered in hooks.get_hooks(SOURCE_HOOK):
        kind = registered()
        kinds[ContentType.objects.get_for_model(kind.model).pk] = kind
    return kinds


def source_for(obj):
    """The Source for `obj`, or None if objects of its kind cannot be sources."""
    kind = source_kinds().get(ContentType.objects.get_for_model(obj).pk)
    return None if kind is None else kind.describe(obj)


def resolve(content_type_id, object_id):
    """The Source stored as these ids, or None: an unregistered kind, or no such object of it."""
    kind = source_kinds().get(_as_id(content_type_id))
    object_id = _as_id(object_id)
    if kind is None or object_id is None:
        return None
    obj = kind.model._default_manager.filter(pk=object_id).first()
    return None if obj is None else kind.describe(obj)


def source_people(content_type_id, object_id):
    """The members whose words are in the source stored as these ids and who allowed their use."""
    source = resolve(content_type_id, object_id)
    if source is None or source.kind.people is None:
        return []
    return list(source.kind.people(source.obj))


def find_sources(query, limit=20):
    """Up to `limit` Sources of each kind that match `query`, kind by kind; nothing for blank words."""
    query = (query or "").strip()
    if not query:
        return []
    found = []
    for kind in source_kinds().values():
        found.extend(kind.describe(obj) for obj in kind.search(query)[:limit])
    return found


def _as_id(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


@dataclass(frozen=True)
class SourceLink:
    """A link shown on a source's page: what became of it (with a status in words), or an action."""

    text: str
    url: str
    status: str = ""
    is_action: bool = False


def source_links_for(objs, request):
    """Every app's links for each of `objs` (a list per object, in order), asking each app once.

    A hook function gets a list of Sources and the request and returns a dict of lists of
    `SourceLink`s keyed by `(content_type_id, object_id)`; objects that cannot be sources
    get none.
    """
    sources = [source_for(obj) for obj in objs]
    found = {}
    described = [source for source in sources if source is not None]
    if described:
        for contribute in hooks.get_hooks(SOURCE_LINKS_HOOK):
            for key, links in contribute(described, request).items():
                found.setdefault(key, []).extend(links)
    return [
        [] if source is None else found.get((source.content_type_id, source.object_id), [])
        for source in sources
    ]


def prefetch_source_links(request, objs):
    """Work out the links of many objects in a few queries, for `{% what_happened %}` to read
    (a page listing forty contributions asks once, not forty times)."""
    known = request.__dict__.setdefault("_source_links", {})
    for obj, links in zip(objs, source_links_for(objs, request), strict=True):
        known[(type(obj), obj.pk)] = links


def source_links(obj, request):
    """Every app's links for `obj`, in hook order; none for an object that cannot be a source."""
    known = getattr(request, "_source_links", {}) if request is not None else {}
    if (type(obj), obj.pk) in known:
        return known[(type(obj), obj.pk)]
    return source_links_for([obj], request)[0]

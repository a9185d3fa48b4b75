"""Publishing a file to a project, and managing its links, as the command line does it."""
from __future__ import annotations

from pathlib import Path

from analysis.behaviour.engine import big_log_file
from analysis.errors import InputError, quoted
from analysis.io import load_export
from analysis.names import look_alike
from analysis.prepare import dataset_kind, rated
from analysis.schema import detect_roles
from analysis.store import engines
from analysis.store.frames import export_details
from analysis.store.links import DEFAULT_BASE_URL, ROLES, link_url
from analysis.store.project import ProjectHandle
from analysis.store.records import Issued
from analysis.store.store import open_store


def publish_file(path: str | Path, project: str | None = None, location: str | None = None,
                 base_url: str = DEFAULT_BASE_URL, new_links: bool = False) -> dict:
    """Load ``path`` and add it as the next dataset version of ``project`` (default: the file's name),
    creating the project if needed. An event log the behaviour engine reads in place, of
    :data:`analysis.behaviour.engine.BIG_LOG_MB` megabytes or more, is kept as the file itself, unparsed
    (:func:`analysis.behaviour.engine.big_log_file`), as the app keeps such an upload.

    Everything is written in one transaction: a failure (a full disk) leaves no project or dataset behind.
    Links are issued with a new project, or when it has none active, or with ``new_links`` (which
    replaces both); otherwise the links given earlier stay valid and ``edit_url``/``view_url`` are None,
    since the store keeps only the tokens' hashes. Returns project, project_id, created,
    dataset_version, deduplicated (the same bytes as the latest version: nothing added), kind
    (:func:`published_kind`), links_issued,
    edit_url and view_url, and looks_like: an existing project the new one's name can be taken for (Latin "A"
    and Cyrillic "А", a zero-width space), or None.
    """
    if big_log_file(path):  # read in place by the engine wherever it is opened: kept as the file, never parsed
        kind, source = "events", Path(path).read_bytes()

        def add(handle):
            return handle.add_file(source, Path(path).name, kind)
    else:
        export = load_export(path)  # first: a missing or unreadable file is told as such
        kind, source = published_kind(export), Path(path).read_bytes()

        def add(handle):
            return handle.add_dataset(export.frame, export.name, kind, source=source, details=export_details(export))
    store = open_store(location)
    name = project or Path(path).stem
    with engines.one_transaction(store.engine):  # all or nothing: no empty project when the disk fills
        handle = store.find_project(name)
        created = handle is None
        if created:
            handle = store.create_project(name)
            alike = look_alike(handle.info().name, [other.name for other in store.projects()])
        added = add(handle)
        issue = created or new_links or not any(handle.links().values())
        issued = handle.create_links() if issue else Issued()
    return {"project": handle.info().name, "project_id": handle.project_id, "created": created,
            "looks_like": alike if created else None,
            "dataset_version": added.dataset.version, "deduplicated": added.deduplicated, "kind": kind,
            "links_issued": issue, **_urls(issued, base_url)}


def published_kind(export) -> str:
    """What a published file is to the app: ``events`` for a web or app analytics log (a visitor, a time and a page
    or event column) or a session table (bounce and exit rates), which the Behaviour and Journey pages read, when
    nothing in it is a rating; otherwise its :func:`analysis.prepare.dataset_kind` (survey, feedback,
    transactions)."""
    from analysis.behaviour.columns import looks_like_event_log
    from analysis.behaviour.session_table import is_session_table

    mapping = detect_roles(export)
    if not rated(mapping, export.format) and (looks_like_event_log(export.frame) or is_session_table(export.frame)):
        return "events"
    return dataset_kind(mapping, export.format)


def manage_links(project: str, location: str | None = None, base_url: str = DEFAULT_BASE_URL,
                 regenerate: str | None = None, revoke: str | None = None) -> dict:
    """Regenerate or revoke the ``edit``, ``view`` or ``both`` links of ``project`` (by name), then say
    which links are active. Returns project, project_id, revoked (roles), edit_url/view_url (new links
    only) and active ({role: issued time or None})."""
    handle = named_project(open_store(location), project)
    revoked = [role for role in _roles(revoke) if handle.revoke(role)]
    issued = Issued(**{role: handle.regenerate(role) for role in _roles(regenerate)})
    active = {role: None if status is None else status.created.isoformat() for role, status in handle.links().items()}
    return {"project": handle.info().name, "project_id": handle.project_id, "revoked": revoked,
            **_urls(issued, base_url), "active": active}


def named_project(store, project: str) -> ProjectHandle:
    """The project named ``project`` with full rights (server side); InputError ``error.store.no_project`` if none."""
    handle = store.find_project(project)
    if handle is None:
        raise InputError("error.store.no_project", project=quoted(project))
    return handle


def _roles(choice: str | None) -> tuple[str, ...]:
    return () if choice is None else ROLES if choice == "both" else (choice,)


def _urls(issued: Issued, base_url: str) -> dict:
    return {f"{role}_url": None if token is None else link_url(token, base_url)
            for role, token in (("edit", issued.edit), ("view", issued.view))}

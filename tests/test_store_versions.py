"""A store written by every earlier schema version opens in the app with its projects' files: migrated on open,
with the datasets an old version stored found again by their kind (a v1 store's project once opened on the
bundled sample)."""
from __future__ import annotations

import pytest
from sqlalchemy import MetaData, text

from analysis.io import load_export
from analysis.store import engines, migrations, open_store
from analysis.store.frames import parquet_bytes
from analysis.store.location import store_url
from analysis.store.records import now
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import new_app, open_page

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def old_store(tmp_path, version: int, frame) -> str:
    """A store at schema ``version`` holding one project with the survey as dataset 1, as that version wrote it."""
    url = store_url(tmp_path / f"v{version}.sqlite3")
    with engines.writing(engines.engine_for(url)) as connection:
        migrations.migrate(connection, now(), upto=version)
        meta = MetaData()
        meta.reflect(bind=connection)
        stamp = "2024-01-02T03:04:05+00:00"
        later = {"updated": stamp} if version >= 2 else {}  # v2 on: every project has its last change
        connection.execute(meta.tables["projects"].insert().values(name="Old study", created=stamp, **later))
        project_id = connection.execute(text("SELECT id FROM projects")).scalar()
        kind = {"kind": "survey"} if version >= 3 else {}  # v3 on: every dataset is stored with its kind
        connection.execute(meta.tables["datasets"].insert().values(
            project_id=project_id, version=1, file_name=AIRLINE, size=1, sha256="0" * 64, rows=len(frame),
            columns=frame.shape[1], data=parquet_bytes(frame), created=stamp, **kind))
    return url


@pytest.mark.parametrize("version", range(1, migrations.SCHEMA_VERSION))
def test_a_store_of_an_earlier_version_opens_in_the_app_on_its_files(tmp_path, shared_data, store_at, version):
    url = old_store(tmp_path, version, load_export(shared_data / AIRLINE).frame)
    store_at(url)
    issued = open_store(url).find_project("Old study").create_links()
    for token in (issued.edit, issued.view):
        app = open_page(new_app(), "data", project=token)
        assert not app.exception and not app.error
        assert t("data.using_upload", "en", name=plain(AIRLINE)) in [caption.value for caption in app.caption]
        assert app.metric[0].value == "43.2%"

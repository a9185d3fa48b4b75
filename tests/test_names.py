"""Names people type: one normal form, invisible and direction-changing characters refused, look-alikes told
apart; the store applies it to project and view names and refuses control characters in notes on every
database alike."""
from __future__ import annotations

import json
import re

import pytest

from analysis.errors import InputError
from analysis.names import clean_name, clean_text, look_alike, skeleton

LOOK_ALIKES = ["Airline\u00a0A", "Ａｉｒｌｉｎｅ Ａ", "Airline \u0410", "airline  a", "AirlineA"]


@pytest.mark.parametrize("typed, kept", [("  Airline\u00a0 A ", "Airline A"), ("Ａｉｒｌｉｎｅ Ａ", "Airline A"),
                                         ("Airline\tA\n", "Airline A"), ("航空 调查", "航空 调查")])
def test_names_are_normalised(typed, kept):
    assert clean_name(typed, "project") == kept


@pytest.mark.parametrize("typed, character", [("Airline\u200bA", "U+200B"), ("Airline A\u202e", "U+202E"),
                                              ("Air\x00line", "U+0000"), ("\u2066Airline", "U+2066")])
def test_invisible_and_direction_changing_characters_are_refused_by_name(typed, character):
    with pytest.raises(InputError) as raised:
        clean_name(typed, "project")
    assert raised.value.message.code == "error.name.invisible" and character in str(raised.value)
    assert str(raised.value).startswith("The project name holds an invisible")


def test_empty_and_overlong_names_are_refused():
    for typed, code in (("   ", "error.name.empty"), ("x" * 201, "error.name.too_long")):
        with pytest.raises(InputError) as raised:
            clean_name(typed, "view")
        assert raised.value.message.code == code


@pytest.mark.parametrize("other", LOOK_ALIKES)
def test_look_alikes_are_found(other):
    assert skeleton(other) == skeleton("Airline A")
    assert look_alike(other, ["Airline B", "Airline A"]) == "Airline A"


def test_different_names_and_the_same_name_are_not_look_alikes():
    assert look_alike("Airline B", ["Airline A", "Hotel A"]) is None
    assert look_alike("Airline A", ["Airline A"]) is None


def test_notes_keep_line_breaks_and_refuse_control_characters():
    assert clean_text("line one\nline two\ttab", "note") == "line one\nline two\ttab"
    with pytest.raises(InputError) as raised:
        clean_text("bad\x00note", "note")
    assert raised.value.message.code == "error.name.control" and "U+0000" in str(raised.value)


def test_publishing_a_look_alike_project_says_so(tmp_path, shared_data, run_cli):
    store = str(tmp_path / "store.sqlite3")
    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    first = run_cli("publish", path, "--project", "Airline A", "--store", store, "--json")
    assert first.returncode == 0 and json.loads(first.stdout)["looks_like"] is None
    second = run_cli("publish", path, "--project", "Airline \u0410", "--store", store, "--json")
    assert json.loads(second.stdout)["looks_like"] == "Airline A"
    third = run_cli("publish", path, "--project", "Airline\u00a0A", "--store", store)
    assert third.returncode == 0 and "Note: " not in third.stdout  # the same name once normalised
    bad = run_cli("publish", path, "--project", "Airline A\u202e", "--store", store)
    assert bad.returncode == 2 and "U+202E" in bad.stderr and bad.stderr.count("\n") == 1


def test_an_upload_with_an_invisible_character_in_its_name_still_makes_a_project(app_test, shared_data):
    from analysis.store import open_store
    from tests.apptest import upload

    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    upload(app_test, path.with_name("survey\u202e.csv"), data=path.read_bytes())
    assert not app_test.exception and not app_test.error
    name = open_store().open_by_token(app_test.query_params["project"]).info().name
    assert name.startswith("survey.csv · ") and "\u202e" not in name


def test_the_personas_markdown_download_shows_names_and_traits_as_text():
    from analysis.personas.build import to_markdown

    data = {"personas": [{"id": 1, "name": "![x](http://10.0.0.1/x.png) <img src=x>", "size": 3, "share": 0.5,
                          "traits": ["[Sign in](https://evil.example/)"]}]}
    document = to_markdown(data, "Personas")
    assert not re.search(r"(?<!\\)\]\(|(?<!\\)<img|https?://", document)  # no link, no tag, no bare address
    assert "\\[Sign in\\]" in document and "\\<img src=x\\>" in document

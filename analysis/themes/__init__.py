"""What comments are about: themes found in a text column, an editable codeframe, coding by it.

    from analysis.themes import discover, code_texts
    frame = discover(comments, k="auto")          # a Codeframe of themes T1, T2 ...
    coded = code_texts(comments, frame)           # topic, codes and a strength per code
"""
from analysis.themes.codeframe import (Code, Codeframe, add_example_code, add_keyword_code, add_touchpoint_codes,
                                       code_texts, delete, from_csv, from_json, merge, rename, to_csv, to_json,
                                       touchpoint_codes)
from analysis.themes.discover import discover, split

__all__ = ["Code", "Codeframe", "add_example_code", "add_keyword_code", "add_touchpoint_codes", "code_texts", "delete",
           "discover", "from_csv", "from_json", "merge", "rename", "split", "to_csv", "to_json", "touchpoint_codes"]

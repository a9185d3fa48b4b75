"""What the pages share, one module per concern.

- ``words``: the UI's translation table (library codes have theirs in ``analysis.messages``);
- ``text``: the session language and turning keys, codes and messages into safe text;
- ``state``: the files in use, their mappings, and the cached analyses of them;
- ``filters``: the sidebar filters every page honours;
- ``charts``: Altair figures, their PNG/SVG/CSV downloads;
- ``tiles``: the headline-metric tiles;
- ``shell``: page config, language switch and navigation (what ``app.py`` runs).
"""

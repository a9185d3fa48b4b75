"""What the pages share, one module per concern. Dependencies run one way: the shell and the storyboards use
features; features keep their settings through ``kept``, which knows no feature; ``project`` is the one door to
the project's store.

- frame: ``serve`` (starting the server), ``shell`` (what ``app.py`` runs), ``site`` (the pages),
  ``access`` (the read-only switch), ``share`` (the project in the sidebar), ``preamble`` (how a survey page
  starts);
- state: ``project`` (the session's project), ``kept`` (what features keep, per file and project),
  ``files`` (the files in use, one upload path), ``mappings`` (column roles), ``analyses`` (named, cached
  analyses of a filtered file), ``cache`` (the size-bounded object cache);
- features: ``filters`` (the sidebar), ``stages`` (the stage map), ``weights`` (the survey's weighting
  settings and their link) and ``weighting`` (the Weights panel and the note under the figures), ``texts``
  (sentiment), ``themes`` (the Themes section and its kept codeframe), ``personas``, ``linked`` (what personas
  link to), ``behaviour``, ``connected`` (a big log connected by path on the server), ``connected_db`` (a table in a database the
  server allows), ``big_logs`` (big uploads
  measured by DuckDB from a temporary copy), ``behaviour_reports``
  (the Behaviour page's retention, conversion window, weekly funnel, paths backward and frustration sections),
  ``customers``, ``role_editor``,
  ``waves`` (survey waves),
  ``banner`` (the banner table on Compare), ``templates`` (shared answer words and mapping templates),
  ``briefing`` (the executive summary);
- drawing: ``charts``, ``many_groups`` (Compare across three or more groups), ``pins``, ``tiles``, ``palette``, ``text`` and ``words`` (the UI's translation table).
"""

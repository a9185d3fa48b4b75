"""Sentiment, emotion and pain points from what customers write, in English and Chinese.

Every engine has the same scikit-learn style interface (settings in ``__init__``, ``fit``
returning ``self``) and turns texts into a score from -1 (negative) to 1 (positive) and an
emotion (``angry``, ``sad``, ``neutral``, ``happy``, ``excited``). A text no engine can read
(empty, only a link, another language) gets no score and the label ``undetected``::

    from analysis.sentiment import score_texts
    score_texts(["Great crew!", "航班延误三个小时[怒]"])   # score, label, emotion, language
"""

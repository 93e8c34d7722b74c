"""Indicative staffing: Erlang C / Erlang A sizing from the client's own figures.

``erlang`` is the pure queueing core; ``week`` builds and sizes the client's week from an
answers file (``build_plan``); ``consistency`` and ``sensitivity`` explain the targets and
their cost; ``report`` renders it all in the terminal.
"""

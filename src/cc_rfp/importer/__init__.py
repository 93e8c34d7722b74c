"""Importing a client's contact history (phone, chat and ticket system exports).

Two shapes come in: interval aggregates (a row per queue and interval) and per-contact logs (a
row per call, chat or ticket). Both are streamed row by row into one small accumulator per
channel, day and hour (``buckets.py``), so a file of millions of rows never sits in memory;
every figure the answers file gets is derived from those buckets (``derive.py``), and every
data-quality doubt is a stated finding with the definition that was assumed.

Modules: ``parse`` (cells: numbers, durations, timestamps), ``profiles`` (which system wrote a
file, told by its headers), ``readers`` (CSV and XLSX rows with line numbers), ``buckets``
(streaming aggregation), ``derive`` (figures and findings), ``apply`` (answers and sources).
"""

"""The question bank, the answers file and what they mean: loading, checking, answer state,
conditions, value shapes, migrations and the sandbox that evaluates bank expressions.
Nothing here prints or knows a language beyond the bank's own texts.
"""

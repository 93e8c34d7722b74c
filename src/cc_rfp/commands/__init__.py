"""One module per command. Each declares its typer signature (using the shared options of
``_options``) and imports what its work needs only when it runs, so ``cc-rfp --help`` loads
nothing but typer. ``cli.py`` registers them and turns errors into exit codes.
"""

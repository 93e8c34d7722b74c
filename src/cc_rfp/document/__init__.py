"""The tender document: the view of the answers the templates read, the template catalogue of
prose in every language, and rendering through the sandboxed Jinja environment.
"""

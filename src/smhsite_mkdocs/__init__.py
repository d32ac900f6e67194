"""The MkDocs adapter of smhsite: one plugin, thin, reading the site model the check built.

Everything that knows about MkDocs, Material or mkdocs-static-i18n lives here, so a move to
another engine replaces this package and the templates, not the rules.
"""

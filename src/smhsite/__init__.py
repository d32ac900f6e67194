"""Content model, schemas and checks for a bilingual school mental health site.

Pure functions over plain data: no MkDocs import here, so the same checks run from the command
line, from the MkDocs hooks and from any later engine.
"""

LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"

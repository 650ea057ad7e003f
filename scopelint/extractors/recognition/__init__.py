"""The shared layer: the only place a value read from a file becomes a fact.

Every wing (``python``, ``javascript``, ``shell``, ``documents``) parses its own kind of file and
hands values to these modules, so that every input kind judges alike:

- ``source``: ``Source``, what an extractor is given (text, path, the catalog in force);
- ``urls``: URL parts, query strings, unresolved pieces, token-endpoint paths, redaction;
- ``celonis``: whether a URL goes to Celonis and whether a scope list is Celonis's;
- ``names``: which variable, field and key names carry Celonis values, scopes or secrets;
- ``secrets``: the one secret-shape test, placeholders, and the keyed digest;
- ``scopes``: the one scope splitter;
- ``emit``: facts every input kind builds the same way from a URL;
- ``text``, ``fields``: located text assembled from literal pieces and references, and the
  scope strings, form fields, query strings and JSON members read out of it;
- ``sink``, ``requests``: the emitter that turns HTTP requests, literals and variables into facts;
- ``variables``: one configuration variable (``NAME=value``) judged the same way wherever it is written.

It imports nothing of the wings.
"""

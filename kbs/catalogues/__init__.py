"""The data files a safeguarding lead reviews without reading code (factors, scoring rules,
questions and wording of each mode, routes, personas, knowledge cards, thesaurus), and the
one loader that reads them all (``kbs.catalogues.loader``)."""

from kbs.catalogues.loader import CatalogueError, Node, load, parse

__all__ = ["CatalogueError", "Node", "load", "parse"]

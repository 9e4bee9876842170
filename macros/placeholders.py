"""Texts the scaffolding leaves for editors to replace; the checks refuse them if left in place."""

from __future__ import annotations

SUMMARY = "Skriv to–tre setninger om hva samlingen handler om."
REFLECTION = "Skriv et refleksjonsspørsmål deltakerne kan ta med seg."
SESSION = "Skriv tittelen på første økt"
STORY = "Skriv hva som skjer på samlingen, og hvorfor."
AUTHOR = "Etternavn, Fornavn"
TITLE = "Tittel på teksten"
PUBLISHER = "Navn på forlaget"

ALL = (SUMMARY, REFLECTION, SESSION, STORY, AUTHOR, TITLE, PUBLISHER)

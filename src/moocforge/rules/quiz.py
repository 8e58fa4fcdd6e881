"""QZ: quiz bank rules (ATU §11.3–11.6, form 05). Filled in by the quiz-bank work."""

"""Quiz banks: model, Aiken and GIFT parsing, writers for every LMS format."""

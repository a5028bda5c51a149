"""The seed corpus: five texts byte for byte, their curated vocabulary and assertions, and their loader."""

"""The retrievers behind bot.retrieval.HybridIndex (one per file) and their fusion."""

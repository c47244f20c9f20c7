"""The corpus path, from many sources to stored rows: `ingest` hands out raw work, `workers` codes it
in processes, `stories` merges mentions of one event across articles, `commands` is the CLI."""

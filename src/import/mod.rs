//! Raw text → front-matter Markdown (being written).

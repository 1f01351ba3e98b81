//! Markdown → HTML (being written).

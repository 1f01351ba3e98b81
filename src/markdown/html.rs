//! A rendered document's HTML, which a build may let go of once the last page that shows it
//! is written.
//!
//! `folio build` writes each page as soon as it is rendered; the HTML of most posts is read
//! only by the post's own page and by the search index. Kept to the end, the HTML of 10,000
//! posts is over 200 MB. So before rendering, the build tells each such document how many
//! readers it has ([`Html::expect_readers`]); each reader says when it is done
//! ([`Html::read_done`]), and the last one releases the text. A document nobody armed (in
//! `folio serve`, or a post whose full text is in a feed) is never released.

use std::sync::RwLock;
use std::sync::atomic::{AtomicU32, Ordering};

pub struct Html {
    /// `None` once released.
    text: RwLock<Option<String>>,
    /// Readers still to come; 0: not counted.
    pending: AtomicU32,
}

impl Html {
    pub fn new(text: String) -> Html {
        Html { text: RwLock::new(Some(text)), pending: AtomicU32::new(0) }
    }

    /// The HTML. Reading it after it was released is a bug in the counting of readers.
    pub fn read(&self) -> HtmlRef<'_> {
        let guard = self.text.read().unwrap_or_else(|e| e.into_inner());
        assert!(guard.is_some(), "internal error: a document's HTML was read after the build released it");
        HtmlRef(guard)
    }

    /// `n` more readers will call [`Html::read_done`]; the last releases the text.
    pub fn expect_readers(&self, n: u32) {
        self.pending.fetch_add(n, Ordering::AcqRel);
    }

    /// A reader is done with the text. Does nothing unless readers were expected.
    pub fn read_done(&self) {
        let left = self.pending.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
        if left == Ok(1) {
            *self.text.write().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }

    /// Whether the text was released.
    pub fn is_released(&self) -> bool {
        self.text.read().unwrap_or_else(|e| e.into_inner()).is_none()
    }
}

/// The HTML while it is read (it cannot be released meanwhile).
pub struct HtmlRef<'a>(std::sync::RwLockReadGuard<'a, Option<String>>);

impl std::ops::Deref for HtmlRef<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_deref().unwrap_or_default()
    }
}

impl From<String> for Html {
    fn from(text: String) -> Html {
        Html::new(text)
    }
}

impl Clone for Html {
    /// A copy of the text, not counted.
    fn clone(&self) -> Html {
        Html::new(self.read().to_string())
    }
}

impl PartialEq for Html {
    fn eq(&self, other: &Html) -> bool {
        *self.read() == *other.read()
    }
}

impl std::fmt::Debug for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.text.read().unwrap_or_else(|e| e.into_inner()) {
            Some(text) => std::fmt::Debug::fmt(text, f),
            None => f.write_str("<released>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_expected_reader_releases_the_text() {
        let html = Html::new("<p>x</p>".into());
        html.expect_readers(2);
        html.read_done();
        assert_eq!(&*html.read(), "<p>x</p>");
        html.read_done();
        assert!(html.is_released());
    }

    #[test]
    fn text_nobody_counted_is_kept() {
        let html = Html::new("<p>x</p>".into());
        html.read_done();
        html.read_done();
        assert!(!html.is_released());
        assert_eq!(&*html.read(), "<p>x</p>");
    }

    #[test]
    #[should_panic(expected = "read after the build released it")]
    fn reading_released_text_is_caught() {
        let html = Html::new(String::new());
        html.expect_readers(1);
        html.read_done();
        let _ = html.read();
    }
}

//! How events pass from one step of the Markdown pipeline to the next.
//!
//! Each folio feature is a [`Step`]: it takes pulldown-cmark's events one at a time and hands
//! what it makes (nothing, the same event, others) to the step after it, which it owns. The
//! last step, [`Out`], puts events in a queue, and [`Pump`] reads the queue as an iterator for
//! the HTML writer. Steps are chained by type, so the compiler inlines the whole chain into one
//! loop and an event passes down it without being copied at every step. As a chain of iterator
//! adapters, each step moved every event (80 bytes) out of the `next` of the step before and
//! into its own: about 14 ns an event a step, most of a build's Markdown time besides
//! highlighting (docs/performance.md). Every step's `put` is `#[inline(always)]`: with a plain
//! `#[inline]` the compiler left some steps out of the loop, and the 10,000-post corpus's
//! Markdown took 0.92–1.01 s on one thread instead of 0.85 s.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event};

/// Events made by the last step and not yet written.
pub type Queue<'a> = VecDeque<Event<'a>>;

/// One step of the pipeline.
pub trait Step<'a> {
    /// Takes one event and hands what the step makes of it to the next step (or holds it back).
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>);
    /// The document has ended: hands on what the step held back, then ends the next step.
    fn finish(&mut self, out: &mut Queue<'a>);
}

/// The end of every chain: events go to the queue.
pub struct Out;

impl<'a> Step<'a> for Out {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        out.push_back(event);
    }

    fn finish(&mut self, _: &mut Queue<'a>) {}
}

/// A step made of a function of one event.
pub struct Map<F, N> {
    map: F,
    next: N,
}

impl<F, N> Map<F, N> {
    pub fn new(map: F, next: N) -> Self {
        Map { map, next }
    }
}

impl<'a, F: FnMut(Event<'a>) -> Event<'a>, N: Step<'a>> Step<'a> for Map<F, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        self.next.put((self.map)(event), out);
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.next.finish(out);
    }
}

/// Joins adjacent text events into one (pulldown-cmark splits text at smart quotes, entities
/// and brackets), for the steps that look for markers in the text. `on: false` passes events
/// through untouched.
pub struct MergeText<'a, N> {
    on: bool,
    text: Option<CowStr<'a>>,
    next: N,
}

impl<'a, N: Step<'a>> MergeText<'a, N> {
    pub fn new(on: bool, next: N) -> Self {
        MergeText { on, text: None, next }
    }

    fn flush(&mut self, out: &mut Queue<'a>) {
        if let Some(text) = self.text.take() {
            self.next.put(Event::Text(text), out);
        }
    }
}

impl<'a, N: Step<'a>> Step<'a> for MergeText<'a, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        if !self.on {
            return self.next.put(event, out);
        }
        match event {
            Event::Text(more) => match &mut self.text {
                None => self.text = Some(more),
                Some(text) => append(text, more),
            },
            other => {
                self.flush(out);
                self.next.put(other, out);
            }
        }
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.flush(out);
        self.next.finish(out);
    }
}

/// Appends `more` to `text`, copying only when both hold something.
pub fn append<'a>(text: &mut CowStr<'a>, more: CowStr<'a>) {
    if text.is_empty() {
        *text = more;
    } else {
        let mut joined = std::mem::replace(text, CowStr::Borrowed("")).into_string();
        joined.push_str(&more);
        *text = CowStr::from(joined);
    }
}

/// Runs events through a chain of steps, as an iterator of what comes out of it.
pub struct Pump<'a, I, S> {
    events: I,
    chain: S,
    queue: Queue<'a>,
    ended: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>, S: Step<'a>> Pump<'a, I, S> {
    pub fn new(events: I, chain: S) -> Self {
        Pump { events, chain, queue: Queue::new(), ended: false }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>, S: Step<'a>> Iterator for Pump<'a, I, S> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some(event);
            }
            if self.ended {
                return None;
            }
            match self.events.next() {
                Some(event) => self.chain.put(event, &mut self.queue),
                None => {
                    self.chain.finish(&mut self.queue);
                    self.ended = true;
                }
            }
        }
    }
}

/// Runs `events` through `chain` and collects what comes out (for tests of one step).
#[cfg(test)]
pub fn collect<'a, S: Step<'a>>(chain: S, events: impl IntoIterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    Pump::new(events.into_iter(), chain).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, TextMergeStream};

    #[test]
    fn merged_text_matches_pulldown_cmarks_own_merging() {
        let markdown = "It's \"quoted\" -- and &amp; [not a link] *here's* more\n\nA `code` line's end.";
        let options = crate::markdown::parser_options();
        let ours = collect(MergeText::new(true, Out), Parser::new_ext(markdown, options));
        let theirs: Vec<_> = TextMergeStream::new(Parser::new_ext(markdown, options)).collect();
        assert_eq!(ours, theirs);
        assert!(ours.len() < Parser::new_ext(markdown, options).count());
    }

    #[test]
    fn steps_turned_off_and_maps_pass_events_through() {
        let markdown = "Don't *stop* -- now.";
        let options = crate::markdown::parser_options();
        let plain: Vec<_> = Parser::new_ext(markdown, options).collect();
        assert_eq!(collect(MergeText::new(false, Out), Parser::new_ext(markdown, options)), plain);
        assert_eq!(collect(Map::new(|e| e, Out), Parser::new_ext(markdown, options)), plain);
    }

    #[test]
    fn finish_reaches_the_end_of_the_chain() {
        // Text held back by the merging step comes out when the document ends.
        let events = vec![Event::Text("a".into()), Event::Text("b".into())];
        assert_eq!(collect(MergeText::new(true, Out), events), vec![Event::Text("ab".into())]);
    }
}

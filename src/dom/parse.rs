//! Parsing with bounds: html5ever's tree builder is quadratic in nesting
//! depth, so a filter between its tokenizer and tree builder drops start
//! tags past the depth limit (their text stays, flattened into the deepest
//! kept element) and ignores markup past the element limit.
//!
//! Both limits are checked against the tree builder's real state, not
//! against a count of tags: the depth is the builder's stack of open
//! elements plus its list of active formatting elements (stray end tags
//! such as `</x>` do not lower it, and formatting elements the builder
//! re-opens by itself are counted), and the element count includes the
//! elements the builder creates on its own.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ops::Range;

use ego_tree::NodeId;
use html5ever::interface::Tracer;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, LocalName};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use crate::config::Limits;

/// Levels allowed past `max_depth` for elements that do not nest (`<p>`,
/// `<li>`, raw-text elements…) before every start tag is dropped.
const SLACK: usize = 16;

/// Most attributes read on one tag. html5ever checks each attribute of a
/// tag against the ones before it, so a tag's cost is quadratic in its
/// attribute count; real tags have a handful.
const MAX_ATTRIBUTES: usize = 256;

/// How much text is handed to the tokenizer at a time.
const CHUNK: usize = 64 * 1024;

/// Parses a whole document within the given limits. Never fails.
pub(crate) fn parse(text: &str, limits: &Limits) -> Html {
    parse_with(text, limits, Bodies::Elide)
}

fn parse_with(text: &str, limits: &Limits, bodies: Bodies) -> Html {
    let spans = prepare(text, bodies);
    let sink = Counting {
        inner: HtmlTreeSink::new(Html::new_document()),
        elements: Cell::new(0),
    };
    let builder = TreeBuilder::new(
        sink,
        TreeBuilderOpts {
            // Scripting off: <noscript> content is parsed as markup, which is
            // where lazy-loading pages keep their real <img>.
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
    );
    let guard = Guard {
        inner: builder,
        max_depth: limits.max_depth.unwrap_or(usize::MAX),
        max_nodes: limits.max_nodes.unwrap_or(usize::MAX),
        suppressed: Cell::new(0),
        swallow: RefCell::new(None),
        seen_html: Cell::new(false),
        seen_body: Cell::new(false),
        counted: Cell::new((0, 0)),
    };
    guard.counted.set((guard.open(), guard.elements()));
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let queue = BufferQueue::default();
    // The kept spans are fed in chunks, so no copy of the whole text is
    // held, and nothing past the element limit is even tokenized.
    for span in spans {
        let mut rest: &str = &text[span];
        while !rest.is_empty() && tokenizer.sink.elements() < tokenizer.sink.max_nodes {
            let mut at = rest.len().min(CHUNK);
            while !rest.is_char_boundary(at) {
                at += 1;
            }
            let (chunk, next) = rest.split_at(at);
            rest = next;
            queue.push_back(StrTendril::from_slice(chunk));
            // The tokenizer pauses after scripts and encoding declarations;
            // the text is already decoded, so both are simply resumed.
            while !matches!(tokenizer.feed(&queue), html5ever::TokenizerResult::Done) {}
        }
    }
    tokenizer.end();
    let Tokenizer { sink, .. } = tokenizer;
    sink.inner.sink.inner.0.into_inner()
}

/// What [`prepare`] does with the bodies of style sheets and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bodies {
    /// Left for the tokenizer.
    #[cfg_attr(not(test), allow(dead_code))]
    Keep,
    /// Left out where [`elidable`] (and comments where
    /// [`comment_elidable`]): a quarter of a typical page's bytes are style
    /// sheets and another quarter scripts, text the tokenizer would read
    /// character by character for nothing.
    Elide,
}

/// Prepares a document for the tokenizer in one linear pass that follows
/// its tag states (quoted and unquoted values): drops the attributes past
/// [`MAX_ATTRIBUTES`] from every start tag and, with [`Bodies::Elide`],
/// the bodies of comments, style sheets, non-JSON-LD scripts and `<svg>`
/// drawings. Inside a raw-text
/// element (a script, a JSON-LD blob, a style) and inside a comment the
/// attribute cap applies too, since the tree builder may still read that
/// content as markup (in `<svg>`, say), but a cut there never reaches past
/// the element's end tag.
fn prepare(text: &str, bodies: Bodies) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let len = b.len();
    // The byte ranges kept, in order; `copied` is where the next one starts.
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    // Where the raw-text element or comment being read ends.
    let mut end = len;
    // Raw-text elements (and, last, comments) known to have no end below.
    let mut unclosed = [false; RAW_TEXT.len() + 1];
    // Whether every raw-text element and comment so far ended where the
    // tokenizer ends it: once one is in doubt, nothing more is left out.
    let mut sure = true;
    while i < len {
        // Only a `<` can start a tag or a comment: jump to the next one.
        match memchr::memchr(b'<', &b[i..]) {
            Some(off) => i += off,
            None => break,
        }
        if i >= end {
            end = len;
        }
        if end == len && b[i..].starts_with(b"<!--") {
            // Each search that fails is not made again: no later one could
            // succeed, and repeating it would make the pass quadratic.
            if !unclosed[RAW_TEXT.len()] {
                end = memchr::memmem::find(&b[i + 4..], b"-->").map_or(len, |at| i + 4 + at);
                unclosed[RAW_TEXT.len()] = end == len;
            }
            // A comment that may end elsewhere (or never) for the
            // tokenizer leaves the rest in doubt.
            let exact = end < len && comment_elidable(&b[i + 4..end]);
            sure &= exact;
            if bodies == Bodies::Elide && sure && exact {
                out.push(copied..i + 4);
                copied = end;
                i = end;
                continue;
            }
            i += 4;
            continue;
        }
        if bodies == Bodies::Elide && end == len {
            // `<!…>`, `<?…>` and `</` without a name are bogus comments to
            // the next `>` (a doctype too): no tag inside them is one.
            let bogus = match b.get(i + 1) {
                Some(b'!' | b'?') => true,
                Some(b'/') => !b.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
                _ => false,
            };
            if bogus {
                // A CDATA section ends elsewhere in a drawing.
                sure &= !b[i..].starts_with(b"<![CDATA[");
                match memchr::memchr(b'>', &b[i + 1..]) {
                    Some(at) => i += 1 + at + 1,
                    None => {
                        sure = false;
                        i += 1;
                    }
                }
                continue;
            }
        }
        if b[i] != b'<' || i + 1 >= end || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let tag_start = i;
        i += 1;
        let name_start = i;
        i = until(b, i, end, |k| k & (SPACE | SLASH | GT) != 0);
        let name = &b[name_start..i];
        let (mut attrs, mut cut) = (0, None);
        loop {
            i = until(b, i, end, |k| k & (SPACE | SLASH) == 0);
            if i >= end || b[i] == b'>' {
                break;
            }
            attrs += 1;
            if attrs > MAX_ATTRIBUTES && cut.is_none() {
                cut = Some(i);
            }
            i = skip_attribute(b, i, end);
        }
        if let Some(cut) = cut {
            out.push(copied..cut);
            copied = i;
        }
        let raw = RAW_TEXT.iter().position(|r| name.eq_ignore_ascii_case(r));
        let known_unclosed = raw.is_some_and(|k| unclosed[k]);
        if end == len && (known_unclosed || name.eq_ignore_ascii_case(b"plaintext")) {
            // The rest of the page is this element's text.
            sure = false;
        }
        if let Some(k) = raw.filter(|&k| end == len && !unclosed[k]) {
            end = memchr::memmem::find_iter(&b[i..], b"</")
                .map(|at| i + at)
                .find(|&at| {
                    b.len() >= at + 2 + name.len()
                        && b[at + 2..at + 2 + name.len()].eq_ignore_ascii_case(name)
                })
                .unwrap_or(len);
            unclosed[k] = end == len;
            // Where the tokenizer ends the element's text, for certain;
            // past an end in doubt nothing more is left out.
            let exact = end < len
                && closes(b, end, name)
                && !(name.eq_ignore_ascii_case(b"script") && escaped_script(&b[i..end]));
            sure &= exact;
            if bodies == Bodies::Elide
                && sure
                && i < end
                && b[i] == b'>'
                && elidable(b, name, tag_start..i)
            {
                out.push(copied..i + 1);
                copied = end;
                i = end;
            }
        } else if bodies == Bodies::Elide
            && sure
            && end == len
            && i < len
            && name.eq_ignore_ascii_case(b"svg")
        {
            // A drawing's shapes are never text of the page: its content
            // is left out, its element kept. Inside a drawing a script or
            // style is not raw text: past one whose content is kept,
            // nothing more is left out.
            let (gt, self_closing) = tag_end(b, name_start + name.len());
            if gt < len && !self_closing {
                match svg_end(b, gt + 1) {
                    SvgEnd::At(close) => {
                        out.push(copied..gt + 1);
                        copied = close;
                        i = close;
                    }
                    SvgEnd::Unsure => sure = false,
                }
            } else if gt >= len {
                sure = false;
            }
        } else if end == len && name.eq_ignore_ascii_case(b"math") {
            sure = false;
        }
    }
    out.push(copied..len);
    out
}

/// Whether a raw-text element's body can be left out of the parse:
/// nothing reads the text of a style sheet or of a script other than
/// JSON-LD (`tag` is its start tag).
fn elidable(b: &[u8], name: &[u8], tag: Range<usize>) -> bool {
    name.eq_ignore_ascii_case(b"style")
        || (name.eq_ignore_ascii_case(b"script")
            && !b[tag]
                .windows(7)
                .any(|w| w.eq_ignore_ascii_case(b"ld+json")))
}

/// Whether the `</name` at `end` is an end tag for the tokenizer: a
/// space, `/` or `>` follows it.
fn closes(b: &[u8], end: usize, name: &[u8]) -> bool {
    b.get(end + 2 + name.len())
        .is_some_and(|&c| CLASS[c as usize] & (SPACE | SLASH | GT) != 0)
}

/// Whether a script's body may not end at its first `</script`: after a
/// `<!--` and a `<script`, the tokenizer's double-escaped state reads
/// that end tag as text.
fn escaped_script(body: &[u8]) -> bool {
    memchr::memmem::find(body, b"<!--").is_some_and(|at| {
        body[at..]
            .windows(7)
            .any(|w| w.eq_ignore_ascii_case(b"<script"))
    })
}

/// Where an `<svg>`'s content ends.
enum SvgEnd {
    /// At its `</svg`.
    At(usize),
    /// Somewhere the tokenizer or the tree builder could read differently
    /// from a plain nest of the drawing's own elements: a comment, a CDATA
    /// section, an HTML tag (which may break out of the drawing), an end
    /// tag closing nothing inside it (which may close elements outside),
    /// a tag cut off by the end of the page, or no `</svg` at all.
    Unsure,
}

/// Finds the end of the content of an `<svg>` that starts at `from`,
/// following the drawing's own elements as they open and close.
fn svg_end(b: &[u8], from: usize) -> SvgEnd {
    let len = b.len();
    let mut open: Vec<&[u8]> = Vec::new();
    let mut at = from;
    while let Some(off) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + off;
        let closing = b.get(lt + 1) == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        match b.get(lt + 1) {
            Some(b'!' | b'?') => return SvgEnd::Unsure,
            _ if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) => {
                if closing {
                    return SvgEnd::Unsure;
                }
                // A `<` in text.
                at = lt + 1;
                continue;
            }
            _ => {}
        }
        let name_end = until(b, name_at, len, |k| k & (SPACE | SLASH | GT) != 0);
        let name = &b[name_at..name_end];
        let (gt, self_closing) = tag_end(b, name_end);
        if gt >= len {
            return SvgEnd::Unsure;
        }
        if closing {
            if name.eq_ignore_ascii_case(b"svg") {
                return SvgEnd::At(lt);
            }
            match open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                Some(p) => open.truncate(p),
                None => return SvgEnd::Unsure,
            }
        } else {
            if !is_drawing_element(name) {
                return SvgEnd::Unsure;
            }
            if !self_closing {
                open.push(name);
            }
        }
        at = gt + 1;
    }
    SvgEnd::Unsure
}

/// From just past a tag's name, where the tag ends (its `>`, or the end
/// of the text) and whether it closes itself (`/` right before `>`),
/// following the tokenizer's attribute states.
fn tag_end(b: &[u8], mut i: usize) -> (usize, bool) {
    let len = b.len();
    let mut slash = false;
    loop {
        while i < len && CLASS[b[i] as usize] & (SPACE | SLASH) != 0 {
            slash = b[i] == b'/';
            i += 1;
        }
        if i >= len {
            return (len, false);
        }
        if b[i] == b'>' {
            return (i, slash);
        }
        slash = false;
        i = skip_attribute(b, i, len);
    }
}

/// From the first byte of an attribute's name, the position just past
/// the attribute (its name, and its value quoted or not), within `..end`.
fn skip_attribute(b: &[u8], mut i: usize, end: usize) -> usize {
    i += 1;
    i = until(b, i, end, |k| k & (SPACE | SLASH | GT | EQ) != 0);
    i = until(b, i, end, |k| k & SPACE == 0);
    if i < end && b[i] == b'=' {
        i += 1;
        i = until(b, i, end, |k| k & SPACE == 0);
        if i < end && (b[i] == b'"' || b[i] == b'\'') {
            let quote = b[i];
            i += 1;
            i = memchr::memchr(quote, &b[i..end]).map_or(end, |at| i + at);
            i = (i + 1).min(end);
        } else {
            i = until(b, i, end, |k| k & (SPACE | GT) != 0);
        }
    }
    i
}

/// SVG's own element names (lower-cased as the tokenizer reads them;
/// filter primitives all start with `fe`), but for `title`, `desc` and
/// `foreignObject`, inside which the tree builder reads HTML.
fn is_drawing_element(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"a",
        b"animate",
        b"animatemotion",
        b"animatetransform",
        b"circle",
        b"clippath",
        b"defs",
        b"ellipse",
        b"filter",
        b"g",
        b"image",
        b"line",
        b"lineargradient",
        b"marker",
        b"mask",
        b"metadata",
        b"path",
        b"pattern",
        b"polygon",
        b"polyline",
        b"radialgradient",
        b"rect",
        b"set",
        b"stop",
        b"switch",
        b"symbol",
        b"text",
        b"textpath",
        b"tspan",
        b"use",
        b"view",
    ];
    (name.len() > 2 && name[..2].eq_ignore_ascii_case(b"fe"))
        || NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// Whether a comment's body (between `<!--` and the first `-->`) ends
/// where the tokenizer ends it: not at once (`<!-->`, `<!--->`) nor at
/// a `--!>`. Nothing reads comments; the body is left out of the parse.
fn comment_elidable(body: &[u8]) -> bool {
    !body.starts_with(b">")
        && !body.starts_with(b"->")
        && memchr::memmem::find(body, b"--!>").is_none()
}

/// Byte classes of the attribute-cap pass: the tokenizer's whitespace
/// (tab, line feed, form feed, carriage return, space), `/`, `>` and `=`.
const SPACE: u8 = 1;
const SLASH: u8 = 2;
const GT: u8 = 4;
const EQ: u8 = 8;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0c] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b' ' as usize] = SPACE;
    t[b'/' as usize] = SLASH;
    t[b'>' as usize] = GT;
    t[b'=' as usize] = EQ;
    t
};

/// The first position in `i..end` whose byte's class satisfies `stop`,
/// else `end`.
fn until(b: &[u8], i: usize, end: usize, stop: impl Fn(u8) -> bool) -> usize {
    b[i..end]
        .iter()
        .position(|&c| stop(CLASS[c as usize]))
        .map_or(end, |at| i + at)
}

/// Elements whose content the tokenizer reads as text (see [`is_raw_text`]).
const RAW_TEXT: [&[u8]; 8] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

struct Guard {
    inner: TreeBuilder<NodeId, Counting>,
    max_depth: usize,
    max_nodes: usize,
    /// Nesting start tags dropped at the depth limit whose end tags are
    /// still to be dropped.
    suppressed: Cell<usize>,
    /// A raw-text element (script, style…) dropped at the depth limit:
    /// everything up to its end tag is dropped too, so its content never
    /// becomes text.
    swallow: RefCell<Option<LocalName>>,
    /// Whether an `<html>` / `<body>` start tag was passed on.
    seen_html: Cell<bool>,
    seen_body: Cell<bool>,
    /// The handles counted at the last look, and the elements created by
    /// then: an element adds at most [`REFERENCES_PER_ELEMENT`] handles,
    /// so until that bound reaches the depth limit there is no need to
    /// count again (counting walks every open element).
    counted: Cell<(usize, usize)>,
}

/// Places the tree builder may hold a new element: the stack of open
/// elements, the list of active formatting elements, its form pointer.
const REFERENCES_PER_ELEMENT: usize = 3;

/// Counts the handles the tree builder holds.
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = NodeId;
    fn trace_handle(&self, _: &NodeId) {
        self.0.set(self.0.get() + 1);
    }
}

impl Guard {
    /// The tree builder's open elements plus active formatting elements
    /// (and its few other handles): what its per-token work is linear in.
    fn open(&self) -> usize {
        let count = Count(Cell::new(0));
        self.inner.trace_handles(&count);
        count.0.get()
    }

    /// The handles the tree builder holds when they may reach the depth
    /// limit; otherwise a bound below the limit.
    fn open_at_least_near_limit(&self) -> usize {
        let (counted, created) = self.counted.get();
        let bound = counted
            .saturating_add(REFERENCES_PER_ELEMENT.saturating_mul(self.elements() - created));
        if bound < self.max_depth {
            debug_assert!(self.open() <= bound, "{} > {bound}", self.open());
            return bound;
        }
        let open = self.open();
        self.counted.set((open, self.elements()));
        open
    }

    /// Elements created so far (those the builder makes on its own too).
    fn elements(&self) -> usize {
        self.inner.sink.elements.get()
    }
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, mut token: Token, line: u64) -> TokenSinkResult<Self::Handle> {
        if self.elements() >= self.max_nodes {
            return match token {
                Token::EOFToken => self.inner.process_token(token, line),
                _ => TokenSinkResult::Continue,
            };
        }
        if self.swallow.borrow().is_some() {
            match &token {
                Token::EOFToken => {}
                Token::TagToken(tag)
                    if tag.kind == TagKind::EndTag
                        && self.swallow.borrow().as_ref() == Some(&tag.name) =>
                {
                    *self.swallow.borrow_mut() = None;
                    return TokenSinkResult::Continue;
                }
                _ => return TokenSinkResult::Continue,
            }
        }
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag => {
                    let open = self.open_at_least_near_limit();
                    if open >= self.max_depth
                        && (nests(tag) || open >= self.max_depth.saturating_add(SLACK))
                    {
                        if is_raw_text(&tag.name) {
                            *self.swallow.borrow_mut() = Some(tag.name.clone());
                        } else if nests(tag) {
                            self.suppressed.set(self.suppressed.get() + 1);
                        }
                        return TokenSinkResult::Continue;
                    }
                }
                TagKind::EndTag => {
                    if nests(tag) && self.suppressed.get() > 0 {
                        self.suppressed.set(self.suppressed.get() - 1);
                        return TokenSinkResult::Continue;
                    }
                }
            }
        }
        // A second <html> or <body> adds its missing attributes to the
        // first, checking each against all it has: quadratic when
        // repeated. Only the first of each keeps its attributes.
        if let Token::TagToken(tag) = &mut token {
            if tag.kind == TagKind::StartTag {
                let seen = match tag.name {
                    local_name!("html") => Some(&self.seen_html),
                    local_name!("body") => Some(&self.seen_body),
                    _ => None,
                };
                if let Some(seen) = seen {
                    if seen.replace(true) {
                        tag.attrs.clear();
                    }
                }
            }
        }
        self.inner.process_token(token, line)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// scraper's tree sink, counting the elements it creates: every element
/// node of the tree (the builder's own ones included) comes from
/// `create_element`. Every other call is passed on unchanged.
struct Counting {
    inner: HtmlTreeSink,
    elements: Cell<usize>,
}

impl TreeSink for Counting {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.elements.set(self.elements.get() + 1);
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node)
    }
    fn pop(&self, node: &NodeId) {
        self.inner.pop(node)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        self.inner.associate_with_form(target, form, nodes)
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent)
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }
    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number)
    }
    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }
    fn attach_declarative_shadow(
        &self,
        location: &NodeId,
        template: &NodeId,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }
    fn maybe_clone_an_option_into_selectedcontent(&self, option: &NodeId) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option)
    }
}

/// Whether a tag opens a level of nesting that its end tag closes. Void
/// elements, self-closing tags and elements the tree builder closes
/// implicitly when a sibling starts (p, li, td…) are not counted, so
/// unclosed paragraphs cannot exhaust the depth budget.
fn nests(tag: &Tag) -> bool {
    if tag.self_closing {
        return false;
    }
    !is_void(&tag.name) && !is_implicitly_closed(&tag.name) && !is_raw_text(&tag.name)
}

/// Elements whose content the tokenizer reads as text once the tree
/// builder has seen their start tag: in HTML they hold no elements.
fn is_raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
    )
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
            | local_name!("frame")
            | local_name!("basefont")
            | local_name!("bgsound")
    )
}

fn is_implicitly_closed(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("colgroup")
            | local_name!("caption")
            | local_name!("rb")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("a")
            | local_name!("nobr")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text [`prepare`] keeps, borrowed when it keeps all of it.
    fn prepared(text: &str, bodies: Bodies) -> Cow<'_, str> {
        let spans = prepare(text, bodies);
        if spans.len() == 1 && spans[0] == (0..text.len()) {
            return Cow::Borrowed(text);
        }
        Cow::Owned(spans.into_iter().map(|r| &text[r]).collect())
    }

    fn max_depth(html: &Html) -> usize {
        let mut max = 0;
        for node in html.tree.root().descendants() {
            max = max.max(node.ancestors().count());
        }
        max
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let n = 5_000;
        let doc = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let limits = Limits {
            max_depth: Some(100),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        assert!(max_depth(&html) <= 110, "depth {}", max_depth(&html));
        assert!(html.root_element().text().any(|t| t.contains("deep text")));
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_depth() {
        let doc = format!("<div>{}</div><p>tail", "<p>para".repeat(2_000));
        let limits = Limits {
            max_depth: Some(10),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        let ps = html.select(&scraper::Selector::parse("p").unwrap()).count();
        assert_eq!(ps, 2_001);
    }

    #[test]
    fn node_limit_truncates() {
        let doc = "<p>x</p>".repeat(1_000);
        let limits = Limits {
            max_nodes: Some(100),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        let ps = html.select(&scraper::Selector::parse("p").unwrap()).count();
        assert!(ps <= 100, "{ps} paragraphs");
        assert!(ps >= 90, "{ps} paragraphs");
    }

    fn elements(html: &Html) -> usize {
        html.tree.nodes().filter(|n| n.value().is_element()).count()
    }

    /// Regression: `<div></x>` repeated lowered a tag-counting depth on
    /// every stray `</x>` while the tree builder kept every div open, so
    /// the tree grew past the limit and parsing went quadratic (288 KB of
    /// it took 8 s).
    #[test]
    fn stray_end_tags_do_not_lower_the_depth() {
        let doc = format!("{}deep text", "<div></x>".repeat(5_000));
        let limits = Limits {
            max_depth: Some(100),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        assert!(
            max_depth(&html) <= 100 + SLACK,
            "depth {}",
            max_depth(&html)
        );
        assert!(html.root_element().text().any(|t| t.contains("deep text")));
    }

    /// Regression: formatting elements left open in a closed paragraph are
    /// re-opened by the tree builder in every later paragraph; 37 KB of
    /// `<p><b id=1>…<b id=500></p>` then `<p>x</p>` built 14 MB of markup
    /// and took 486 MB, because only start tags were counted as elements.
    #[test]
    fn reopened_formatting_elements_count_as_elements() {
        let mut doc = String::from("<p>");
        for i in 0..300 {
            doc.push_str(&format!("<b id=b{i}>"));
        }
        doc.push_str("</p>");
        doc.push_str(&"<p>x</p>".repeat(2_000));
        let limits = Limits {
            max_nodes: Some(10_000),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        let n = elements(&html);
        assert!(n <= 10_000 + 600, "{n} elements for a cap of 10 000");
    }

    /// Regression: a `<script>` dropped at the depth limit left the
    /// tokenizer reading its code as markup, so the code became text.
    #[test]
    fn script_past_the_depth_limit_never_becomes_text() {
        let limits = Limits {
            max_depth: Some(20),
            ..Limits::default()
        };
        for deep in ["<div>", "<svg>", "<p><svg><g>"] {
            let doc = format!(
                "{}<script>var SECRET = 1;</script><style>.SECRET {{}}</style><p>after",
                deep.repeat(200)
            );
            let html = parse(&doc, &limits);
            for node in html.tree.nodes() {
                if let scraper::Node::Text(t) = node.value() {
                    if t.contains("SECRET") {
                        let parent = node
                            .parent()
                            .and_then(|p| p.value().as_element().map(|e| e.name().to_string()));
                        assert!(
                            matches!(parent.as_deref(), Some("script" | "style")),
                            "{deep}: script text under {parent:?}"
                        );
                    }
                }
            }
            assert!(
                html.root_element().text().any(|t| t.contains("after")),
                "{deep}"
            );
        }
    }

    /// Regression: one tag with 100 000 attributes took 5.5 s (html5ever
    /// compares each attribute with all the earlier ones); 16 MiB of them
    /// would have taken half an hour.
    #[test]
    fn attributes_past_the_cap_are_dropped() {
        let mut doc = String::from("<div id=keep");
        for i in 0..20_000 {
            doc.push_str(&format!(" a{i}=\"v > {i}\" b{i}='x' c{i}=y/"));
        }
        doc.push_str("><p>after</p></div><span title=t>s</span>");
        let capped = prepared(&doc, Bodies::Keep);
        assert!(capped.len() < 20_000, "{} bytes left", capped.len());
        let html = parse(&doc, &Limits::default());
        let div = html
            .select(&scraper::Selector::parse("div").unwrap())
            .next()
            .unwrap();
        assert_eq!(div.value().attrs().count(), MAX_ATTRIBUTES);
        assert_eq!(div.value().attr("id"), Some("keep"));
        assert!(html.root_element().text().any(|t| t == "after"));
        let span = html
            .select(&scraper::Selector::parse("span").unwrap())
            .next()
            .unwrap();
        assert_eq!(span.value().attr("title"), Some("t"));
        // Pages without such tags are passed through untouched.
        let page = "<p class=a>x < y and <b>bold</b> é</p>";
        assert!(matches!(prepared(page, Bodies::Keep), Cow::Borrowed(_)));
    }

    /// Regression: `<body data-bN=x>` repeated 100 000 times took 0.8 s
    /// and grew quadratically: each added its attribute to the one body
    /// after comparing it with all the earlier ones.
    #[test]
    fn repeated_body_tags_keep_only_the_first_attributes() {
        let mut doc = String::from("<html lang=en><body class=first>");
        for i in 0..1_000 {
            doc.push_str(&format!("<html data-h{i}=x><body data-b{i}=x><p>{i}</p>"));
        }
        let html = parse(&doc, &Limits::default());
        let body = html
            .select(&scraper::Selector::parse("body").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            body.value().attrs().collect::<Vec<_>>(),
            vec![("class", "first")]
        );
        let root = html.root_element();
        assert_eq!(
            root.value().attrs().collect::<Vec<_>>(),
            vec![("lang", "en")]
        );
    }

    /// The cap never cuts a script, JSON-LD blob, style or comment past
    /// its end, and still applies inside them (in <svg> a script is markup).
    #[test]
    fn attribute_cap_stops_at_the_end_of_scripts_and_comments() {
        let words = "w ".repeat(400);
        for (open, close) in [
            (
                "<script type=application/ld+json>{\"a\": \"x<b ",
                "\"}</script>",
            ),
            ("<STYLE>a<b ", "</style >"),
            ("<!-- <b ", " -->"),
        ] {
            let page = format!("{open}{words}{close}<p>after</p>");
            let capped = prepared(&page, Bodies::Keep);
            assert!(capped.len() < page.len(), "{open}");
            // What the cut removed ends where the element or comment ends.
            let end = close.trim_start_matches(['"', '}', ' ']);
            assert!(
                capped.ends_with(&format!("{end}<p>after</p>")),
                "{open}: {capped}"
            );
        }
        let page = format!("<svg><script><div {words}>in svg</div></script></svg>");
        assert!(prepared(&page, Bodies::Keep).len() < page.len());
        let page = format!("<script>if (a<b) {{ c() }}</script><b {words}>bold");
        assert!(prepared(&page, Bodies::Keep).len() < page.len());
    }

    /// The byte-by-byte pass the memchr-based one replaced, kept as the
    /// reference its output must match.
    fn reference_cap(text: &str) -> Cow<'_, str> {
        let b = text.as_bytes();
        let len = b.len();
        let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
        let mut out = String::new();
        let mut copied = 0;
        let mut i = 0;
        // Where the raw-text element or comment being read ends.
        let mut end = len;
        // Raw-text elements (and, last, comments) known to have no end below.
        let mut unclosed = [false; RAW_TEXT.len() + 1];
        while i < len {
            if i >= end {
                end = len;
            }
            if end == len && b[i..].starts_with(b"<!--") {
                // Each search that fails is not made again: no later one could
                // succeed, and repeating it would make the pass quadratic.
                if !unclosed[RAW_TEXT.len()] {
                    end = find_at(i + 4, len, |at| b[at..].starts_with(b"-->")).unwrap_or(len);
                    unclosed[RAW_TEXT.len()] = end == len;
                }
                i += 4;
                continue;
            }
            if b[i] != b'<' || i + 1 >= end || !b[i + 1].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            i += 1;
            let name_start = i;
            while i < end && !space(b[i]) && b[i] != b'/' && b[i] != b'>' {
                i += 1;
            }
            let name = &b[name_start..i];
            let (mut attrs, mut cut) = (0, None);
            loop {
                while i < end && (space(b[i]) || b[i] == b'/') {
                    i += 1;
                }
                if i >= end || b[i] == b'>' {
                    break;
                }
                attrs += 1;
                if attrs > MAX_ATTRIBUTES && cut.is_none() {
                    cut = Some(i);
                }
                i += 1;
                while i < end && !space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                while i < end && space(b[i]) {
                    i += 1;
                }
                if i < end && b[i] == b'=' {
                    i += 1;
                    while i < end && space(b[i]) {
                        i += 1;
                    }
                    if i < end && (b[i] == b'"' || b[i] == b'\'') {
                        let quote = b[i];
                        i += 1;
                        while i < end && b[i] != quote {
                            i += 1;
                        }
                        i = (i + 1).min(end);
                    } else {
                        while i < end && !space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            }
            if let Some(cut) = cut {
                out.push_str(&text[copied..cut]);
                copied = i;
            }
            let raw = RAW_TEXT.iter().position(|r| name.eq_ignore_ascii_case(r));
            if let Some(k) = raw.filter(|&k| end == len && !unclosed[k]) {
                end = find_at(i, len, |at| {
                    b[at..].starts_with(b"</")
                        && b.len() >= at + 2 + name.len()
                        && b[at + 2..at + 2 + name.len()].eq_ignore_ascii_case(name)
                })
                .unwrap_or(len);
                unclosed[k] = end == len;
            }
        }
        if copied == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    fn find_at(from: usize, to: usize, at: impl Fn(usize) -> bool) -> Option<usize> {
        (from..to).find(|&i| at(i))
    }

    /// The search-based pass cuts exactly where the byte-by-byte one did,
    /// on pseudo-random mixes of tags, quotes, comments and raw text.
    #[test]
    fn attribute_cap_matches_the_byte_by_byte_pass() {
        const PIECES: [&str; 24] = [
            "<div",
            "<p",
            " a",
            " b=x",
            " c=\"v > w\"",
            " d='q'",
            ">",
            "/",
            "=",
            "\"",
            "'",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "</SCRIPT",
            "<style>",
            "</style>",
            "<title>",
            "</title>",
            "text ",
            "<",
            "</",
            "é",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..300 {
            let mut page = String::new();
            let n = 50 + (next() % 1500) as usize;
            for _ in 0..n {
                // Runs of attributes, so some tags pass the cap.
                let attrs = round % 3 == 0 && next() % 8 == 0;
                if attrs {
                    for k in 0..(next() % 400) {
                        page.push_str(&format!(" k{k}=1"));
                    }
                } else {
                    page.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                }
            }
            assert_eq!(
                prepared(&page, Bodies::Keep),
                reference_cap(&page),
                "round {round}"
            );
        }
    }

    /// Unclosed scripts and comments, repeated: each search for an end
    /// that fails is made once (tests/growth.rs times this).
    #[test]
    fn unclosed_raw_text_is_passed_through() {
        for unit in ["<script>x", "<!--x", "<title>x<script>y"] {
            let page = unit.repeat(20_000);
            assert!(
                matches!(prepared(&page, Bodies::Keep), Cow::Borrowed(_)),
                "{unit}"
            );
        }
    }

    #[test]
    fn style_and_script_bodies_are_left_out_json_ld_is_not() {
        let page = concat!(
            "<head><style>p { color: red }</style>",
            "<script>var a = '<p>not text</p>';</script>",
            "<script type=\"application/LD+JSON\">{\"@type\": \"Article\"}</script>",
            "</head><body><p>kept</p></body>"
        );
        let out = prepared(page, Bodies::Elide);
        assert!(!out.contains("color") && !out.contains("not text"), "{out}");
        assert!(out.contains("<style></style>") && out.contains("<script></script>"));
        assert!(out.contains("{\"@type\": \"Article\"}") && out.contains("<p>kept</p>"));
        // The same tree but for the left-out text.
        let html = parse(page, &Limits::default());
        let p = scraper::Selector::parse("p").unwrap();
        assert_eq!(html.select(&p).count(), 1);
        let ld = scraper::Selector::parse("script[type]").unwrap();
        assert!(html
            .select(&ld)
            .next()
            .unwrap()
            .inner_html()
            .contains("Article"));
    }

    #[test]
    fn bodies_the_tokenizer_could_end_elsewhere_are_kept() {
        for page in [
            // Escaped script states: the end tag inside a comment.
            "<script><!-- document.write('<script></script>') --></script><p>x</p>",
            // Not an end tag: `</scripts`.
            "<script>a = '</scripts>'; b = 1;</script><p>x</p>",
            // No end tag at all.
            "<style>p { color: red }",
        ] {
            assert!(
                matches!(prepared(page, Bodies::Elide), Cow::Borrowed(_)),
                "{page}"
            );
        }
        // Upper case and attributes on the end tag end the body as usual.
        let page = "<STYLE media=x>a{}</STYLE ><p>x</p>";
        assert_eq!(
            prepared(page, Bodies::Elide),
            "<STYLE media=x></STYLE ><p>x</p>"
        );
    }

    #[test]
    fn comment_bodies_are_left_out_where_they_end_as_the_tokenizer_ends_them() {
        let page = "<p>a</p><!-- <p>old</p> --><p>b</p>";
        assert_eq!(prepared(page, Bodies::Elide), "<p>a</p><!----><p>b</p>");
        for page in [
            "<!--><p>shown</p>-->",
            "<!---><p>shown</p>-->",
            "<!-- a --!><p>shown</p>-->",
        ] {
            assert!(
                matches!(prepared(page, Bodies::Elide), Cow::Borrowed(_)),
                "{page}"
            );
            let html = parse(page, &Limits::default());
            assert!(html.root_element().text().any(|t| t == "shown"), "{page}");
        }
    }

    #[test]
    fn drawings_are_emptied_unless_their_end_is_in_doubt() {
        let page = "<p>a<svg viewBox='0 0 9 9'><path d='M0 0L9 9'/><g><circle r=1 /></g></SVG><b>b</b></p>";
        assert_eq!(
            prepared(page, Bodies::Elide),
            "<p>a<svg viewBox='0 0 9 9'></SVG><b>b</b></p>"
        );
        // An end in doubt (a comment, a raw-text element first), a
        // self-closed or an unclosed drawing: its content stays.
        for (page, kept) in [
            ("<svg><!-- </svg> --><path/></svg>", "<path/>"),
            ("<svg><style>a{}</style><path/></svg>", "<path/>"),
            ("<svg/><p>x</p></svg>", "<p>x</p>"),
            ("<svg><svg><path/></svg><p>after</p></svg>", "<path/>"),
            ("<svg><path/><p>out</p></svg>", "<p>out</p>"),
            ("<svg><g><div>out</div></g></svg>", "<div>out</div>"),
            ("<svg><path/></br>out</svg>", "</br>out"),
            (
                "<svg><foreignObject><span>x</span></foreignObject></svg>",
                "<span>x</span>",
            ),
            ("<svg><path/>", "<path/>"),
        ] {
            assert!(prepared(page, Bodies::Elide).contains(kept), "{page}");
        }
    }

    /// The tree without what the elision may leave out: comments, the
    /// content of scripts, style sheets and drawings.
    fn shape(html: &Html) -> Vec<String> {
        use ego_tree::iter::Edge;
        let mut out = Vec::new();
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) if skip.is_none() => match node.value() {
                    scraper::Node::Element(e) => {
                        let mut attrs: Vec<_> = e.attrs().collect();
                        attrs.sort();
                        out.push(format!("<{} {attrs:?}>", e.name()));
                        if matches!(e.name(), "script" | "style" | "svg") {
                            skip = Some(node.id());
                        }
                    }
                    scraper::Node::Text(t) => out.push(format!("{:?}", &**t)),
                    _ => {}
                },
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                    }
                    if skip.is_none() && node.value().is_element() {
                        out.push("</>".to_string());
                    }
                }
                _ => {}
            }
        }
        out
    }

    const SOUP: &[&str] = &[
        "<p>",
        "</p>",
        "text ",
        "<div class=a>",
        "</div>",
        "<b>",
        "</b>",
        "<br>",
        "</br>",
        "<script>",
        "</script>",
        "</script >",
        "</scripts>",
        "<script type=application/ld+json>",
        "<style>",
        "</style>",
        "<!--",
        "-->",
        "--!>",
        "<!-->",
        "<!",
        "<svg>",
        "</svg>",
        "<svg/>",
        "<path d='M0'/>",
        "<g>",
        "</g>",
        "<title>",
        "</title>",
        "<math>",
        "<mi>",
        "<foreignObject>",
        "<span>",
        "<table><tr><td>",
        "<textarea>",
        "</textarea>",
        "<noscript>",
        "</noscript>",
        "<template>",
        "</template>",
        "<",
        ">",
        "'",
        "\"",
        "a<b",
        "<?xml?>",
        "<![CDATA[",
        "]]>",
        "<img src=x>",
        "<font color=red>",
        "<desc>",
        "<circle/>",
        "</title >",
        "<STYLE>",
        "<Script>",
        "</SCRIPT>",
        "<xmp>",
        "</xmp>",
        "<iframe>",
        "</iframe>",
        "<plaintext>",
        "<noembed>",
        "</noembed>",
        "<!DOCTYPE html>",
        "</ >",
        "</>",
        "<script><!--",
        "--><script>",
        "<p a='>'>",
        "<path d=M0/>",
        "<g x='/>'>",
        "</path>",
        "<rect>",
        "</rect>",
        "<svg viewBox='0 0 1 1'>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Leaving bodies out changes nothing but what it leaves out.
        #[test]
        fn elision_keeps_the_tree(picks in proptest::collection::vec(0..SOUP.len(), 0..60)) {
            let page: String = picks.iter().map(|&k| SOUP[k]).collect();
            let limits = Limits::default();
            let kept = shape(&parse_with(&page, &limits, Bodies::Keep));
            let elided = shape(&parse_with(&page, &limits, Bodies::Elide));
            proptest::prop_assert_eq!(kept, elided, "{}", page);
        }
    }
}

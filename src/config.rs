//! Extraction settings: the precision/recall balance, the resource limits,
//! and what the parser skips.

/// Which way to lean when a block could be either article or boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Focus {
    /// Keep less: drop doubtful blocks (fewer boilerplate leftovers).
    Precision,
    /// The default trade-off.
    #[default]
    Balanced,
    /// Keep more: keep doubtful blocks (fewer lost paragraphs).
    Recall,
}

/// Resource limits. `None` means unlimited; every default is stated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest input accepted, in bytes, before decoding. Default: 16 MiB.
    /// Larger inputs are refused with [`Error::TooLarge`](crate::Error::TooLarge).
    pub max_bytes: Option<usize>,
    /// Deepest element nesting kept by the parser. Default: 512. Deeper
    /// start tags are dropped (their content stays, flattened into the
    /// deepest kept element), which bounds the parser's quadratic cost.
    /// The depth is the parser's own (open elements plus formatting
    /// elements it may re-open), so stray end tags cannot lower it.
    pub max_depth: Option<usize>,
    /// Most elements parsed, counting those the parser adds by itself
    /// (re-opened formatting elements). Default: 500 000, about 390 MiB
    /// at peak for a page that reaches it. Markup past the limit is not
    /// read (the document is truncated there).
    pub max_nodes: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: Some(16 * 1024 * 1024),
            max_depth: Some(512),
            max_nodes: Some(500_000),
        }
    }
}

impl Limits {
    /// Sets [`Limits::max_bytes`].
    pub fn max_bytes(mut self, max: Option<usize>) -> Self {
        self.max_bytes = max;
        self
    }

    /// Sets [`Limits::max_depth`].
    pub fn max_depth(mut self, max: Option<usize>) -> Self {
        self.max_depth = max;
        self
    }

    /// Sets [`Limits::max_nodes`].
    pub fn max_nodes(mut self, max: Option<usize>) -> Self {
        self.max_nodes = max;
        self
    }

    /// No limits at all (for trusted input only).
    pub fn unlimited() -> Self {
        Limits {
            max_bytes: None,
            max_depth: None,
            max_nodes: None,
        }
    }
}

/// What the parser does with the content no stage of gleaner reads: the
/// text of style sheets and of scripts other than JSON-LD, comments, and
/// the shapes inside `<svg>` drawings. The article is the same either
/// way; only the time to parse differs. Set with [`Config::unread_content`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum UnreadContent {
    /// Left out before the tokenizer reads it, wherever the tokenizer is
    /// certain to end it where gleaner does (the elements stay, empty;
    /// past the first such content in doubt, the page is parsed whole).
    /// The default, because on a typical page style sheets and scripts
    /// are about half the bytes.
    #[default]
    Skip,
    /// Parsed like the rest of the page: to measure what skipping saves,
    /// or to check that it changes nothing.
    Parse,
}

/// How an [`Extractor`](crate::Extractor) works. Built with setters that
/// state their defaults; cheap to clone.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) focus: Focus,
    pub(crate) limits: Limits,
    pub(crate) report: bool,
    pub(crate) render: Render,
    pub(crate) unread: UnreadContent,
}

/// What the Markdown and HTML renderings carry besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Render {
    pub links: bool,
    pub images: bool,
    pub iframes: bool,
    pub link_list: bool,
}

impl Default for Render {
    fn default() -> Self {
        Render {
            links: true,
            images: true,
            iframes: false,
            link_list: false,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            focus: Focus::default(),
            limits: Limits::default(),
            report: true,
            render: Render::default(),
            unread: UnreadContent::default(),
        }
    }
}

impl Config {
    /// The defaults: [`Focus::Balanced`], [`Limits::default`], report on.
    pub fn new() -> Self {
        Config::default()
    }

    /// Precision/recall balance. Default: [`Focus::Balanced`].
    pub fn focus(mut self, focus: Focus) -> Self {
        self.focus = focus;
        self
    }

    /// Resource limits. Default: [`Limits::default`].
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// What the parser does with content no stage reads (scripts, style
    /// sheets, comments, drawings). Default: [`UnreadContent::Skip`],
    /// which parses faster and gives the same article as
    /// [`UnreadContent::Parse`].
    pub fn unread_content(mut self, unread: UnreadContent) -> Self {
        self.unread = unread;
        self
    }

    /// Whether to keep the removal report in [`Article::removed`](crate::Article::removed).
    /// Default: on. Turning it off saves a little time and memory.
    pub fn report(mut self, on: bool) -> Self {
        self.report = on;
        self
    }

    /// Whether links stay links in [`Article::markdown`](crate::Article::markdown)
    /// and [`Article::html`](crate::Article::html) (else only their text
    /// remains). Default: on.
    pub fn links(mut self, on: bool) -> Self {
        self.render.links = on;
        self
    }

    /// Whether images, and the captions of the figures holding them, appear
    /// in the Markdown and HTML. Default: on. [`Article::images`](crate::Article::images)
    /// lists them either way.
    pub fn images(mut self, on: bool) -> Self {
        self.render.images = on;
        self
    }

    /// Whether `<iframe>` embeds with an http(s) source appear in the HTML
    /// (and as links in the Markdown). Default: off.
    pub fn iframes(mut self, on: bool) -> Self {
        self.render.iframes = on;
        self
    }

    /// Whether to list the links of the main content in
    /// [`Article::links`](crate::Article::links). Default: off.
    pub fn link_list(mut self, on: bool) -> Self {
        self.render.link_list = on;
        self
    }
}

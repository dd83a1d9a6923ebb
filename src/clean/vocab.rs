//! The words the rules look for, kept as data. Lower-case throughout.

/// Class/id fragments that mark boilerplate strongly enough to remove an
/// element even when another fragment looks like content, each with the
/// rule it reports. Matched as substrings of the lower-cased class and id.
pub(crate) const STRONG_NAMES: &[(&str, crate::Rule)] = {
    use crate::Rule::*;
    &[
        ("comment", Comments),
        ("disqus", Comments),
        ("share", Share),
        ("sharing", Share),
        ("social", Share),
        ("newsletter", Newsletter),
        ("subscribe", Newsletter),
        ("signup", Newsletter),
        ("sign-up", Newsletter),
        ("cookie", Consent),
        ("consent", Consent),
        ("gdpr", Consent),
        ("related", BoilerplateName),
        ("recommend", BoilerplateName),
        ("outbrain", BoilerplateName),
        ("taboola", BoilerplateName),
        ("recirc", BoilerplateName),
        ("more-stories", BoilerplateName),
        ("most-popular", BoilerplateName),
        ("mostpopular", BoilerplateName),
        ("most-read", BoilerplateName),
        ("trending", BoilerplateName),
        ("sidebar", PageChrome),
        ("footer", PageChrome),
        ("breadcrumb", Navigation),
        ("skip-link", Navigation),
        ("advert", Advertisement),
        ("login", Newsletter),
        ("sponsor", Advertisement),
        ("promo", BoilerplateName),
        ("popup", BoilerplateName),
        ("modal", BoilerplateName),
        ("tooltip", BoilerplateName),
        ("author-bio", BoilerplateName),
        ("byline", Byline),
        ("dateline", Byline),
        ("timestamp", Byline),
        ("screen-reader", Hidden),
        ("sr-only", Hidden),
        ("visually-hidden", Hidden),
        ("visuallyhidden", Hidden),
    ]
};

/// Class/id words (whole tokens) that mark boilerplate unless the element
/// also looks like content (see [`CONTENT_NAMES`]).
pub(crate) const WEAK_TOKENS: &[(&str, crate::Rule)] = {
    use crate::Rule::*;
    &[
        ("nav", Navigation),
        ("navbar", Navigation),
        ("navigation", Navigation),
        ("menu", Navigation),
        ("pagination", Navigation),
        ("pager", Navigation),
        ("masthead", PageChrome),
        ("banner", PageChrome),
        ("ad", Advertisement),
        ("ads", Advertisement),
        ("adv", Advertisement),
        ("dfp", Advertisement),
        ("widget", PageChrome),
        ("tags", BoilerplateName),
        ("meta", Byline),
        ("author", Byline),
        ("date", Byline),
        ("hidden", Hidden),
        ("print", BoilerplateName),
        ("cta", CallToAction),
        ("disclaimer", BoilerplateName),
    ]
};

/// Class words (whole tokens) that dress a link as a button: a control
/// ("Get started", "Download now", "Read the review"), as a `<button>` is.
pub(crate) const BUTTON_TOKENS: &[&str] = &["btn", "button"];

/// Class/id words (whole tokens) for the furniture around a headline —
/// deck, kicker, eyebrow, subtitle — removed above the prose in the
/// article's reading only ([`Furniture::Removed`](super::Furniture)),
/// even inside its container; the other readings keep it.
pub(crate) const FURNITURE_TOKENS: &[&str] = &[
    "dek",
    "deck",
    "standfirst",
    "subtitle",
    "subheadline",
    "subhead",
    "kicker",
    "eyebrow",
];

/// Class/id words of what a discussion repeats under each post: the
/// author's signature.
pub(crate) const SIGNATURE_WORDS: &[&str] = &["signature"];

/// Starts of class/id words that name a product's customer reviews.
pub(crate) const REVIEW_WORDS: &[&str] = &["review"];

/// Class/id fragments that look like the article's own container.
pub(crate) const CONTENT_NAMES: &[&str] = &[
    "article", "content", "story", "entry", "post", "body", "main", "text", "blog",
];

/// Phrases that make a short block a newsletter or sign-up call to action
/// (see also [`ADDRESS_MENTIONS`]).
pub(crate) const CALL_TO_ACTION: &[&str] = &[
    "newsletter",
    "sign up",
    "signup",
    "sign-up",
    "subscribe",
    "delivered to your",
    "get the latest",
    "join our mailing",
    "mailing list",
    "register now",
    "create a free account",
    "already a subscriber",
    "already have an account",
    "log in to continue",
    "log in or",
    "sign in or",
    "or sign in",
    "or log in",
    "join our",
    "follow us",
];

/// Phrases that mention the reader's address or inbox rather than ask to
/// sign up: a call to action only in a prompt's length.
pub(crate) const ADDRESS_MENTIONS: &[&str] = &[
    "your email",
    "your e-mail",
    "email address",
    "e-mail address",
    "your inbox",
    "in your inbox",
];

/// Phrases that make a box named as a call to action a sign-up box: it
/// asks for the reader's address, not for a purchase or a visit.
pub(crate) const SIGN_UP: &[&str] = &[
    "newsletter",
    "sign up",
    "signup",
    "sign-up",
    "your email",
    "your e-mail",
    "email address",
    "e-mail address",
    "your inbox",
    "mailing list",
];

/// Short lines that introduce a block of non-article material: what follows
/// them is boilerplate until strong content says otherwise.
pub(crate) const SOFT_TERMINATORS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related coverage",
    "related news",
    "related links",
    "related topics",
    "more stories",
    "more news",
    "more from",
    "more on this",
    "more on this story",
    "more articles",
    "more like this",
    "more to read",
    "read more",
    "read next",
    "read this next",
    "up next",
    "what to read next",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "also read",
    "see also",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "most popular",
    "most read",
    "popular",
    "popular stories",
    "trending",
    "trending now",
    "trending stories",
    "latest",
    "latest news",
    "latest stories",
    "top stories",
    "editors' picks",
    "editor's picks",
    "don't miss",
    "newsletter",
    "newsletters",
    "sign up",
    "subscribe",
    "follow us",
    "share this",
    "share this article",
    "share this story",
    "share",
    "tags",
    "topics",
    "about the author",
    "about the authors",
    "about the writer",
    "about the reviewer",
    "meet the author",
    // German
    "über den autor",
    "über die autorin",
    "ähnliche artikel",
    "verwandte artikel",
    "weitere artikel",
    "mehr zum thema",
    "lesen sie auch",
    "auch interessant",
    "das könnte sie auch interessieren",
    "meistgelesen",
    "meistgelesene artikel",
    // French
    "à propos de l'auteur",
    "à propos de l’auteur",
    "à lire aussi",
    "lire aussi",
    "à voir aussi",
    "sur le même sujet",
    "articles similaires",
    "articles liés",
    "vous aimerez aussi",
    "vous aimerez peut-être aussi",
    "les plus lus",
    "dans la même rubrique",
    // Spanish
    "sobre el autor",
    "sobre la autora",
    "te puede interesar",
    "también te puede interesar",
    "te recomendamos",
    "noticias relacionadas",
    "artículos relacionados",
    "lo más leído",
    "más noticias",
    "lee también",
    // Portuguese
    "sobre o autor",
    "sobre a autora",
    "você pode gostar",
    "você também pode gostar",
    "leia também",
    "veja também",
    "posts relacionados",
    "artigos relacionados",
    "notícias relacionadas",
    "mais lidas",
    "mais lidos",
    // Italian
    "articoli correlati",
    "leggi anche",
    "potrebbe interessarti",
    "ti potrebbe interessare",
    "i più letti",
    // Dutch
    "gerelateerde artikelen",
    "lees ook",
    "meer nieuws",
    // Japanese, Chinese
    "関連記事",
    "おすすめ記事",
    "人気記事",
    "相关文章",
    "相关阅读",
    "热门文章",
];

/// Lines after which the rest of the container is never the article.
pub(crate) const HARD_TERMINATORS: &[&str] = &[
    "comments",
    "comment",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "join the conversation",
    "join the discussion",
    "add a comment",
    "reader comments",
    "responses",
    "kommentare",
    "commentaires",
    "comentarios",
    "comentários",
    "deixe um comentário",
    "deja un comentario",
    "laisser un commentaire",
    "commenti",
    "lascia un commento",
    "reacties",
    "コメント",
    "评论",
];

/// Whole short lines that are widget labels, never article text.
pub(crate) const JUNK_LINES: &[&str] = &[
    "advert",
    "adverts",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "publicidade",
    "reklama",
    "реклама",
    "iklan",
    "advertentie",
    "広告",
    "广告",
    "previous post",
    "next post",
    "previous article",
    "next article",
    "previous story",
    "next story",
    "thank you",
    "this slideshow requires javascript",
    "an error has occurred, please try again later",
    "this article has been sent to",
    "tell us what you think",
    "ticker",
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "ad",
    "share",
    "share this",
    "tweet",
    "email",
    "print",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "copy link",
    "close",
    "menu",
    "skip to content",
    "skip to main content",
    "back to top",
    "loading",
    "loading...",
    "continue reading",
    "read more",
    "learn more",
    "show more",
    "show less",
    "see more",
    "view more",
    "load more",
    "shop now",
    "buy now",
    "add to cart",
    "add to bag",
    "sign in",
    "log in",
    "table of contents",
    "view comments",
    "comments",
];

/// Markers of a photo credit or caption tail: "(Image: GETTY)", "Photo: AP".
pub(crate) const CREDIT_MARKERS: &[&str] = &[
    "(image:",
    "(photo:",
    "(picture:",
    "(credit:",
    "photo credit",
    "image credit",
    "image copyright",
    "getty images",
    "ap photo",
    "(ap photo",
    "/ap)",
    "| reuters",
    "/ reuters",
    "reuters/",
    "/getty",
    "shutterstock",
];

/// Openings of short notices that are not the article: disclaimers and
/// publication stamps.
pub(crate) const NOTICE_PREFIXES: &[&str] = &[
    "disclaimer:",
    "first published",
    "last updated",
    "published:",
    "updated:",
    "filed under",
    "updated at ",
    "updated on ",
    "published at ",
    "published on ",
    "posted at ",
    "posted on ",
];

/// Social networks: a short block naming several is a follow or share prompt.
pub(crate) const SOCIAL_NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "linkedin",
    "pinterest",
    "tiktok",
    "whatsapp",
    "telegram",
    "snapchat",
    "reddit",
];

/// Phrases that make a text about cookies a consent notice.
pub(crate) const CONSENT_PHRASES: &[&str] = &[
    "accept",
    "consent",
    "agree",
    "we use",
    "uses cookies",
    "use of cookies",
    "cookie policy",
    "cookie settings",
    "browsing experience",
    "opt-out",
    "continuing to",
    "continue to use",
];

/// Phrases that only a short text may hold to be a call to action.
pub(crate) const SHORT_PROMPTS: &[&str] = &[
    "privacy policy",
    "signing up",
    "terms of use",
    "terms of service",
];

/// Words that address the reader (second person, the site's "our").
pub(crate) const READER_PERSONS: &[&str] = &["you", "your", "our", "us", "we"];

/// Verbs that open a prompt to the reader.
pub(crate) const READER_IMPERATIVES: &[&str] = &[
    "sign",
    "subscribe",
    "get",
    "join",
    "enter",
    "register",
    "follow",
    "stay",
    "don't",
    "never",
    "want",
    "like",
    "receive",
    "read",
    "create",
    "log",
    "already",
];

/// Marks of a contact box's lines (telephone, fax, e-mail).
pub(crate) const CONTACT_MARKERS: &[&str] = &[
    "telephone",
    "tel:",
    "phone:",
    "fax",
    "e-mail:",
    "email:",
    "toll free",
];

/// Labels that open a photo credit ("Photo: …").
pub(crate) const CREDIT_LABELS: &[&str] =
    &["photo", "image", "credit", "photograph", "picture", "foto"];

/// A caption's show/hide control, read as text.
pub(crate) const CAPTION_TOGGLES: &[&str] = &["caption", "hide caption", "toggle caption"];

/// Words of a dateline beside its digits ("Updated 10:42 am").
pub(crate) const DATELINE_WORDS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last modified",
    " am",
    " pm",
    " ago",
];

/// Class or id words of an embedded post (a quoted tweet, an Instagram
/// card): quoted content, never removed by name.
pub(crate) const EMBED_NAMES: &[&str] = &["embed", "tweet"];

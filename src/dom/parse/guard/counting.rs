//! scraper's tree sink, counting the elements it creates, so the
//! [`Guard`](super::Guard) can stop at the element limit.

use std::borrow::Cow;
use std::cell::Cell;

use ego_tree::NodeId;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// scraper's tree sink, counting the elements it creates: every element
/// node of the tree (the builder's own ones included) comes from
/// `create_element`. Every other call is passed on unchanged.
pub(crate) struct Counting {
    inner: HtmlTreeSink,
    elements: Cell<usize>,
}

impl Counting {
    /// A sink building a new document.
    pub(crate) fn new() -> Self {
        Counting {
            inner: HtmlTreeSink::new(Html::new_document()),
            elements: Cell::new(0),
        }
    }

    /// Elements created so far.
    pub(crate) fn elements(&self) -> usize {
        self.elements.get()
    }
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

#[cfg(test)]
mod tests {
    use html5ever::tokenizer::{BufferQueue, Tokenizer};
    use html5ever::tree_builder::TreeBuilder;

    use super::*;

    /// Every element of the tree is counted: those of the markup, those
    /// the tree builder adds (`html`, `head`, `body`) and the formatting
    /// element it re-opens in the second paragraph.
    #[test]
    fn counts_every_element_of_the_tree() {
        let tokenizer = Tokenizer::new(
            TreeBuilder::new(Counting::new(), Default::default()),
            Default::default(),
        );
        let queue = BufferQueue::default();
        queue.push_back(StrTendril::from_slice("<p>a<b>b<p>c"));
        let _ = tokenizer.feed(&queue);
        tokenizer.end();
        let sink = tokenizer.sink.sink;
        let counted = sink.elements();
        let html = sink.finish();
        let names: Vec<_> = html
            .tree
            .nodes()
            .filter_map(|n| n.value().as_element().map(|e| e.name().to_string()))
            .collect();
        assert_eq!(names, ["html", "head", "body", "p", "b", "p", "b"]);
        assert_eq!(counted, names.len());
    }
}

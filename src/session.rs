//! What a session keeps between builds: `serve` rebuilds on every save and
//! reuses whatever did not change; a one-off `build` starts from an empty
//! session and drops it. Each step owns its own part (the session only holds
//! them), so no step reaches into another's cache.

/// Every step's reusable state, owned by `build`/`serve`.
#[derive(Debug, Default)]
pub struct Session {
    /// Pages as read from disk, reused while unchanged (see `load::LoadCache`).
    pub load: crate::load::LoadCache,
    /// Pages made from unchanged sources, the parsed glossary (see `model::ModelCache`).
    pub model: crate::model::ModelCache,
    /// Each page's lint warnings (see `lint::LintCache`).
    pub lint: crate::lint::LintCache,
    /// Rendered bodies, pages, decks and parsed templates (see `render::cache`).
    pub render: crate::render::cache::RenderCache,
    /// Each page's row of the search index (see `search::PageDocs`).
    pub search: crate::search::PageDocs,
    /// A one-off build fills the caches for the next build (the build cache,
    /// `store`); without it, it keeps nothing it will not read again.
    pub save: bool,
    /// No build in this process follows (a build from the build cache): the
    /// load and the model keep no copies, which only `serve`'s next rebuild
    /// would read (`store` does not save them).
    pub once: bool,
}

impl Session {
    /// Output paths of the pages the last build rendered again (not reused).
    pub fn rendered(&self) -> &[String] {
        &self.render.rendered
    }
}

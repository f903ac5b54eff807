//! Department names (责任单位): a lexicon-driven recognizer and splitter.

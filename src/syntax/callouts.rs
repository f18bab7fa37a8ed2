//! Every callout kind (`> [!kind]`), described once. (Filled in by the callout-table work.)

//! One iterator over a page's lines that knows CommonMark fenced code. (Filled in by the fence-scanner work.)

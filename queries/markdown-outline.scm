; Heading outline of an agent file's body (tree-sitter-md block grammar).
; Used for document symbols. @marker gives the level (atx_h1_marker … atx_h6_marker).
(atx_heading
  (_) @marker
  heading_content: (_) @title)
